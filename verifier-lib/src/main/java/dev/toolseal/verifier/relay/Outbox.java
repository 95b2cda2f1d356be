package dev.toolseal.verifier.relay;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The only writer of one stream: lines are queued in order (never blocking the caller, who may
 * hold the guard's lock) and written by a thread of their own, so a peer that stops reading can
 * never stall the other direction. At most {@code maxQueuedBytes} may wait; beyond that, or when
 * a write fails, the outbox is broken and {@code onBroken} runs once.
 */
final class Outbox implements Runnable {
  private static final byte[] END = new byte[0];

  private final OutputStream out;
  private final long maxQueuedBytes;
  private final Runnable onBroken;
  private final LinkedBlockingQueue<byte[]> queue = new LinkedBlockingQueue<>();
  private final AtomicLong queued = new AtomicLong();
  private volatile boolean broken;
  private volatile boolean finished;

  Outbox(OutputStream out, long maxQueuedBytes, Runnable onBroken) {
    this.out = out;
    this.maxQueuedBytes = maxQueuedBytes;
    this.onBroken = onBroken;
  }

  /** Queues one line (a newline is added). Dropped after {@link #finish} or a failure. */
  void send(byte[] line) {
    if (broken || finished) {
      return;
    }
    if (queued.addAndGet(line.length + 1L) > maxQueuedBytes) {
      fail();
      return;
    }
    queue.add(line);
  }

  /** Closes the stream once everything queued so far is written. */
  void finish() {
    if (!finished) {
      finished = true;
      queue.add(END);
    }
  }

  boolean broken() {
    return broken;
  }

  @Override
  public void run() {
    try {
      while (true) {
        byte[] line = queue.take();
        if (line == END) {
          out.close();
          return;
        }
        queued.addAndGet(-(line.length + 1L));
        out.write(line);
        out.write('\n');
        if (queue.isEmpty()) {
          out.flush();
        }
        if (out instanceof PrintStream p && p.checkError()) {
          throw new IOException("the stream refused a write");
        }
      }
    } catch (IOException e) {
      fail();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void fail() {
    if (!broken) {
      broken = true;
      queue.clear();
      onBroken.run();
    }
  }
}
