package dev.toolseal.tlog.engine;

import dev.toolseal.tlog.checkpoint.CheckpointSigner;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * A running transparency log: a {@link Sequencer} (the append path with pushback), an
 * {@link Integrator} on a background thread and a {@link LogReader}, all over one
 * {@link LogStore}. Several processes may run a {@code Log} over one shared store: sequencing
 * keeps one linear order and the checkpoint compare-and-swap keeps one tree.
 */
public final class Log implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(Log.class.getName());

  private final Sequencer sequencer;
  private final Integrator integrator;
  private final LogReader reader;

  private Log(LogStore store, CheckpointSigner signer, LogOptions options) {
    this.integrator = new Integrator(store, signer, options);
    this.sequencer = new Sequencer(store, options, integrator::wake);
    this.reader = new LogReader(store);
  }

  /** Starts the sequencer and the background integrator. */
  public static Log start(LogStore store, CheckpointSigner signer, LogOptions options) {
    Log log = new Log(store, signer, options);
    log.integrator.start();
    return log;
  }

  /**
   * Queues {@code entry}; see {@link Sequencer#append}. The future completes with the entry's
   * index once it is durably sequenced; integration follows asynchronously
   * ({@link #awaitIntegrated}).
   *
   * @throws PushbackException if the append queue is full
   * @throws IllegalArgumentException if the entry is over {@value Leaf#MAX_ENTRY_SIZE} bytes
   */
  public CompletableFuture<Long> append(byte[] entry) throws PushbackException {
    return sequencer.append(entry);
  }

  /**
   * Tells the integrator that entries were sequenced outside this log's {@link Sequencer} (by
   * {@code PostgresLogStore.sequenceIn} in a caller's transaction, after its commit), so it
   * integrates them now instead of at its next poll.
   */
  public void wakeIntegrator() {
    integrator.wake();
  }

  /**
   * The newest checkpoint this log's integrator published or read, without a store read; empty
   * before its first step. Checkpoints published by other processes on the same store appear
   * here within {@code integrationPoll}; {@link LogReader#latestCheckpoint()} reads the store.
   */
  public Optional<PublishedCheckpoint> latestSeenCheckpoint() {
    return integrator.latestSeen();
  }

  /** Completes with the first checkpoint that covers {@code index}. */
  public CompletableFuture<PublishedCheckpoint> awaitIntegrated(long index) {
    return integrator.awaitIntegrated(index);
  }

  /** Integrates one batch now, in the calling thread; see {@link Integrator#integrateOnce()}. */
  public Optional<PublishedCheckpoint> integrateOnce() throws IOException {
    return integrator.integrateOnce();
  }

  public LogReader reader() {
    return reader;
  }

  /** Entries waiting to be sequenced. */
  public int queued() {
    return sequencer.queued();
  }

  /**
   * Sequences what is queued (entries that could not be sequenced within 30 s fail), makes a
   * last attempt to integrate everything sequenced, then stops both threads.
   */
  @Override
  public void close() {
    try {
      sequencer.close(Duration.ofSeconds(30));
      while (integrator.integrateOnce().isPresent()) {
        // integrate what the sequencer stored before it stopped
      }
    } catch (IOException | RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "final integration failed", e);
    } finally {
      integrator.close();
    }
  }
}
