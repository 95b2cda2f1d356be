package dev.toolseal.tlog.engine;

import dev.toolseal.tlog.tiles.Tile;
import dev.toolseal.tlog.tiles.TileId;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A hand-written fake: delegates to another store, but {@link #sequence} waits for
 * {@link #release()} after signalling {@link #awaitSequencing()}, so a test can hold the
 * sequencer in the middle of a batch.
 */
public class BlockingStore implements LogStore {
  private final LogStore delegate;
  private final CountDownLatch entered = new CountDownLatch(1);
  private final CountDownLatch released = new CountDownLatch(1);

  public BlockingStore(LogStore delegate) {
    this.delegate = delegate;
  }

  /** Waits until a sequencer is inside {@link #sequence}. */
  public void awaitSequencing() throws InterruptedException {
    if (!entered.await(30, TimeUnit.SECONDS)) {
      throw new IllegalStateException("the sequencer never called the store");
    }
  }

  /** Lets every held and future {@link #sequence} call through. */
  public void release() {
    released.countDown();
  }

  @Override
  public long sequence(List<Leaf> leaves) throws IOException {
    entered.countDown();
    try {
      if (!released.await(30, TimeUnit.SECONDS)) {
        throw new IOException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    return delegate.sequence(leaves);
  }

  @Override
  public long sequencedSize() throws IOException {
    return delegate.sequencedSize();
  }

  @Override
  public List<Leaf> readLeaves(long start, int count) throws IOException {
    return delegate.readLeaves(start, count);
  }

  @Override
  public List<Tile> readTiles(List<TileId> ids) throws IOException {
    return delegate.readTiles(ids);
  }

  @Override
  public Optional<EntryBundleData> readEntryBundle(TileId id) throws IOException {
    return delegate.readEntryBundle(id);
  }

  @Override
  public Optional<PublishedCheckpoint> latestCheckpoint() throws IOException {
    return delegate.latestCheckpoint();
  }

  @Override
  public List<PublishedCheckpoint> checkpoints(long fromSize, int limit) throws IOException {
    return delegate.checkpoints(fromSize, limit);
  }

  @Override
  public boolean integrate(TreeUpdate update) throws IOException {
    return delegate.integrate(update);
  }
}
