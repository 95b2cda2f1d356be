package dev.toolseal.tlog.engine;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.CheckpointSigner;
import dev.toolseal.tlog.tiles.EntryBundle;
import dev.toolseal.tlog.tiles.TileHashReader;
import dev.toolseal.tlog.tiles.TileId;
import dev.toolseal.tlog.tiles.TileIntegrator;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Batched integration: reads sequenced entries the latest checkpoint does not cover yet, adds
 * them to the tiled tree ({@link TileIntegrator}), writes the entry bundles, signs a checkpoint
 * and publishes all of it with the store's compare-and-swap. If another process published
 * first, it starts again from that process's checkpoint. Runs on demand
 * ({@link #integrateOnce()}) and, once {@link #start() started}, on a background thread that
 * wakes on {@link #wake()} or every {@code integrationPoll}.
 */
public final class Integrator implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Integrator.class.getName());

  private final LogStore store;
  private final CheckpointSigner signer;
  private final LogOptions options;
  private final CheckpointWaiters waiters = new CheckpointWaiters();
  private final AtomicReference<PublishedCheckpoint> latestSeen = new AtomicReference<>();
  private final Object signal = new Object();
  private boolean woken;
  private volatile boolean closed;
  private Thread thread;

  public Integrator(LogStore store, CheckpointSigner signer, LogOptions options) {
    this.store = Objects.requireNonNull(store, "store");
    this.signer = Objects.requireNonNull(signer, "signer");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Integrates at most {@code integrationBatch} sequenced entries into a new published
   * checkpoint, retrying from the winner's checkpoint when another integrator won the race.
   *
   * @return the checkpoint this call published; empty if every sequenced entry was already
   *     covered
   * @throws IOException if the store fails
   */
  public synchronized Optional<PublishedCheckpoint> integrateOnce() throws IOException {
    while (true) {
      Optional<PublishedCheckpoint> latest = store.latestCheckpoint();
      latest.ifPresent(this::observe);
      TreeState from = latest.map(TreeState::of).orElse(TreeState.empty());
      long sequenced = store.sequencedSize();
      if (sequenced <= from.size()) {
        return Optional.empty();
      }
      int count = (int) Math.min(sequenced - from.size(), options.integrationBatch());
      checkTiles(from);
      TreeUpdate update = prepare(store, signer, from, count);
      if (store.integrate(update)) {
        observe(update.to());
        return Optional.of(update.to());
      }
      LOG.log(System.Logger.Level.DEBUG, "lost the checkpoint race at size {0}", from.size());
    }
  }

  /**
   * The newest checkpoint this integrator published or read from the store; empty before its
   * first step. Exact for checkpoints published here; checkpoints of other processes show up at
   * the next poll ({@code integrationPoll}).
   */
  public Optional<PublishedCheckpoint> latestSeen() {
    return Optional.ofNullable(latestSeen.get());
  }

  /** Records {@code cp} as seen (sizes only grow), then completes the waiters it covers. */
  private void observe(PublishedCheckpoint cp) {
    latestSeen.accumulateAndGet(cp, (a, b) -> a == null || b.size() > a.size() ? b : a);
    waiters.observe(cp);
  }

  /** The tiles the next integration builds on must give the latest checkpoint's root. */
  private void checkTiles(TreeState from) throws IOException {
    if (from.size() == 0) {
      return;
    }
    Hash root = MerkleTree.treeHash(from.size(), new TileHashReader(from.size(), store));
    if (!root.equals(from.root())) {
      throw new CorruptStoreException(from.size(), from.root(), root);
    }
  }

  /**
   * Computes the tiles, full entry bundles and signed checkpoint that add the {@code count}
   * sequenced entries after {@code from} to the tree; writes nothing. Partial bundles are not
   * stored: {@link LogReader} derives them from the sequenced entries, so a slow trickle of
   * entries does not rewrite the same growing bundle again and again.
   */
  static TreeUpdate prepare(LogStore store, CheckpointSigner signer, TreeState from, int count)
      throws IOException {
    long newSize = from.size() + count;
    long firstBundle = from.size() / TileId.FULL_WIDTH;
    long bundlesDone = newSize / TileId.FULL_WIDTH;
    long readFrom = bundlesDone > firstBundle ? firstBundle * TileId.FULL_WIDTH : from.size();
    int carried = (int) (from.size() - readFrom);
    List<Leaf> leaves = store.readLeaves(readFrom, carried + count);
    List<Hash> added = new ArrayList<>(count);
    for (Leaf l : leaves.subList(carried, leaves.size())) {
      added.add(l.hash());
    }
    TileIntegrator.Integration in = TileIntegrator.integrate(from.size(), added, store);
    List<EntryBundleData> bundles = new ArrayList<>();
    for (long b = firstBundle; b < bundlesDone; b++) {
      int offset = (int) (b * TileId.FULL_WIDTH - readFrom);
      List<byte[]> entries = new ArrayList<>(TileId.FULL_WIDTH);
      for (Leaf l : leaves.subList(offset, offset + TileId.FULL_WIDTH)) {
        entries.add(l.entry());
      }
      bundles.add(new EntryBundleData(TileId.full(0, b), EntryBundle.encode(entries)));
    }
    Checkpoint cp = new Checkpoint(signer.origin(), in.newSize(), in.root());
    PublishedCheckpoint published =
        new PublishedCheckpoint(in.newSize(), in.root(), signer.sign(cp));
    return new TreeUpdate(from, published, in.tiles(), bundles);
  }

  /**
   * Completes with the first checkpoint seen (published here or by another process) that
   * covers {@code index}. It never completes if the entry is never integrated; callers bound
   * their wait.
   */
  public CompletableFuture<PublishedCheckpoint> awaitIntegrated(long index) {
    return waiters.await(index);
  }

  /** Starts the background thread. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    thread = new Thread(this::run, "tlog-integrator");
    thread.setDaemon(true);
    thread.start();
  }

  /** Asks the background thread to integrate now (new entries were sequenced). */
  public void wake() {
    synchronized (signal) {
      woken = true;
      signal.notifyAll();
    }
  }

  private void run() {
    Duration backoff = Duration.ofMillis(50);
    while (!closed) {
      try {
        boolean published = integrateOnce().isPresent();
        backoff = Duration.ofMillis(50);
        if (published) {
          pause(options.checkpointInterval());
        } else {
          sleep(options.integrationPoll());
        }
      } catch (IOException | RuntimeException e) {
        LOG.log(System.Logger.Level.WARNING, "integration failed; retrying", e);
        sleep(backoff);
        backoff = backoff.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
            ? Duration.ofSeconds(5) : backoff.multipliedBy(2);
      }
    }
  }

  /** Waits {@code d} or until closed, ignoring wake-ups. */
  private void pause(Duration d) {
    long deadline = System.nanoTime() + d.toNanos();
    synchronized (signal) {
      try {
        long left;
        while (!closed && (left = deadline - System.nanoTime()) > 0) {
          signal.wait(Math.max(1, left / 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closed = true;
      }
    }
  }

  /** Waits {@code d}, until woken or until closed. */
  private void sleep(Duration d) {
    long deadline = System.nanoTime() + d.toNanos();
    synchronized (signal) {
      try {
        while (!woken && !closed) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            break;
          }
          signal.wait(Math.max(1, left / 1_000_000));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        closed = true;
      }
      woken = false;
    }
  }

  /**
   * Stops the background thread after its current integration; callers still waiting in
   * {@link #awaitIntegrated} fail with {@link IllegalStateException}.
   */
  @Override
  public void close() {
    closed = true;
    wake();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    waiters.failAll(new IllegalStateException("the integrator closed"));
  }
}
