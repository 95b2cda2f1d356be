package dev.toolseal.verifier.relay;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * An input stream fed whole lines from any thread: how messages that arrive over HTTP reach the
 * guard's line reader. {@link #end()} ends the stream after the lines queued before it.
 */
public final class LineQueue extends InputStream {
  private static final byte[] END = new byte[0];

  private final LinkedBlockingQueue<byte[]> lines = new LinkedBlockingQueue<>();
  private byte[] current = new byte[0];
  private int pos;
  private boolean ended;

  /** Queues one line; a newline is added. Ignored after {@link #end()}. */
  public void add(String line) {
    lines.add((line + "\n").getBytes(StandardCharsets.UTF_8));
  }

  public void end() {
    lines.add(END);
  }

  @Override
  public int read() throws java.io.IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public synchronized int read(byte[] b, int off, int len) throws java.io.IOException {
    if (len == 0) {
      return 0;
    }
    while (pos == current.length) {
      if (ended) {
        return -1;
      }
      try {
        current = lines.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new java.io.InterruptedIOException();
      }
      pos = 0;
      if (current == END) {
        ended = true;
        current = new byte[0];
        return -1;
      }
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }
}
