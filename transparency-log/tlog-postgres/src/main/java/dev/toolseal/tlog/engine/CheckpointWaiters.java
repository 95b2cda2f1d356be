package dev.toolseal.tlog.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.CompletableFuture;

/** Callers waiting for a checkpoint that covers some index, completed as checkpoints appear. */
final class CheckpointWaiters {
  private record Waiter(long index, CompletableFuture<PublishedCheckpoint> future) {}

  private final PriorityQueue<Waiter> waiting =
      new PriorityQueue<>((a, b) -> Long.compare(a.index(), b.index()));
  private PublishedCheckpoint latest;

  synchronized CompletableFuture<PublishedCheckpoint> await(long index) {
    if (index < 0) {
      throw new IllegalArgumentException("negative index " + index);
    }
    CompletableFuture<PublishedCheckpoint> f = new CompletableFuture<>();
    if (latest != null && latest.size() > index) {
      f.complete(latest);
    } else {
      waiting.add(new Waiter(index, f));
    }
    return f;
  }

  /** Records a checkpoint seen in the store and completes every waiter it covers. */
  void observe(PublishedCheckpoint cp) {
    List<Waiter> done = new ArrayList<>();
    synchronized (this) {
      if (latest != null && latest.size() >= cp.size()) {
        return;
      }
      latest = cp;
      while (!waiting.isEmpty() && waiting.peek().index() < cp.size()) {
        done.add(waiting.poll());
      }
    }
    for (Waiter w : done) {
      w.future().complete(cp);
    }
  }

  /** Fails every waiter with {@code cause}; later waiters are still served by {@link #observe}. */
  void failAll(Exception cause) {
    List<Waiter> failed = new ArrayList<>();
    synchronized (this) {
      failed.addAll(waiting);
      waiting.clear();
    }
    for (Waiter w : failed) {
      w.future().completeExceptionally(cause);
    }
  }
}
