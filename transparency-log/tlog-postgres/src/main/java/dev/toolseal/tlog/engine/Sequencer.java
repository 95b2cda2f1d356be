package dev.toolseal.tlog.engine;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The append path: a bounded queue in front of {@link LogStore#sequence}. One thread takes up
 * to {@code maxBatch} entries, or what arrived within {@code maxWait} of the first, and
 * sequences them in one store transaction; each entry's future completes with its index only
 * after that transaction committed, so an acknowledged entry is durable. A full queue refuses
 * entries at once with {@link PushbackException}.
 */
public final class Sequencer implements AutoCloseable {
  /** How often a waiting sequencer checks whether it was closed. */
  private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private record Pending(Leaf leaf, CompletableFuture<Long> index) {}

  private final LogStore store;
  private final LogOptions options;
  private final Runnable onSequenced;
  private final BlockingQueue<Pending> queue;
  private final Thread thread;
  private final Object lifecycle = new Object();
  private volatile boolean closed;

  /**
   * Starts the sequencing thread. {@code onSequenced} runs on it after every committed batch
   * (the log uses it to wake its integrator).
   */
  public Sequencer(LogStore store, LogOptions options, Runnable onSequenced) {
    this.store = store;
    this.options = options;
    this.onSequenced = onSequenced;
    this.queue = new ArrayBlockingQueue<>(options.queueCapacity());
    this.thread = new Thread(this::run, "tlog-sequencer");
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Queues {@code entry} for sequencing.
   *
   * @return completes with the entry's index once it is durably sequenced, or exceptionally
   *     with the store's {@link IOException} if its batch could not be stored. It completes on
   *     the sequencer thread: attach slow continuations with the {@code *Async} methods
   * @throws PushbackException if the queue is full; nothing was queued
   * @throws IllegalArgumentException if the entry is over {@value Leaf#MAX_ENTRY_SIZE} bytes
   * @throws IllegalStateException after {@link #close()}
   */
  public CompletableFuture<Long> append(byte[] entry) throws PushbackException {
    Leaf leaf = Leaf.of(entry);
    Pending p = new Pending(leaf, new CompletableFuture<>());
    synchronized (lifecycle) {
      if (closed) {
        throw new IllegalStateException("the log is closed");
      }
      if (!queue.offer(p)) {
        throw new PushbackException(options.queueCapacity(), options.retryAfter());
      }
    }
    return p.index();
  }

  /** Entries waiting to be sequenced. */
  public int queued() {
    return queue.size();
  }

  private void run() {
    List<Pending> batch = new ArrayList<>(options.maxBatch());
    while (!closed || !queue.isEmpty()) {
      try {
        Pending first = queue.poll(POLL_NANOS, TimeUnit.NANOSECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        fill(batch);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        failAll(batch, e);
        return;
      }
      if (!batch.isEmpty()) {
        commit(batch);
        batch.clear();
      }
    }
  }

  private void fill(List<Pending> batch) throws InterruptedException {
    long deadline = System.nanoTime() + options.maxWait().toNanos();
    while (batch.size() < options.maxBatch()) {
      if (queue.drainTo(batch, options.maxBatch() - batch.size()) > 0) {
        continue;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0 || closed) {
        return;
      }
      Pending next = queue.poll(Math.min(left, POLL_NANOS), TimeUnit.NANOSECONDS);
      if (next != null) {
        batch.add(next);
      }
    }
  }

  private void commit(List<Pending> batch) {
    List<Leaf> leaves = new ArrayList<>(batch.size());
    for (Pending p : batch) {
      leaves.add(p.leaf());
    }
    long first;
    try {
      first = store.sequence(leaves);
    } catch (IOException | RuntimeException e) {
      failAll(batch, e);
      return;
    }
    for (int i = 0; i < batch.size(); i++) {
      batch.get(i).index().complete(first + i);
    }
    onSequenced.run();
  }

  /**
   * Stops accepting entries, sequences those already queued, and stops the thread. Waits at
   * most {@code timeout}; entries still queued then fail with {@link IllegalStateException}.
   */
  public void close(Duration timeout) {
    synchronized (lifecycle) {
      closed = true;
    }
    try {
      thread.join(Math.max(1, timeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      thread.interrupt();
    }
    List<Pending> left = new ArrayList<>();
    queue.drainTo(left);
    failAll(left, new IllegalStateException("the log closed before sequencing the entry"));
  }

  private static void failAll(List<Pending> pending, Exception e) {
    for (Pending p : pending) {
      p.index().completeExceptionally(e);
    }
  }

  @Override
  public void close() {
    close(Duration.ofSeconds(30));
  }
}
