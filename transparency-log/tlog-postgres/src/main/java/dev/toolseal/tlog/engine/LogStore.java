package dev.toolseal.tlog.engine;

import dev.toolseal.tlog.tiles.Tile;
import dev.toolseal.tlog.tiles.TileId;
import dev.toolseal.tlog.tiles.TileReader;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * Where a log keeps its state: sequenced entries, immutable tiles and entry bundles, and
 * checkpoints. Implementations: {@code PostgresLogStore} and {@link MemoryLogStore}; both pass
 * {@code LogStoreContract}.
 *
 * <p>The contract, which every implementation keeps even when several processes share one
 * store:
 *
 * <ul>
 *   <li><b>Sequencing.</b> {@link #sequence} gives a batch consecutive indexes, starting at the
 *       current sequenced size, and makes batch and indexes durable in one atomic step: after
 *       it returns, a crash loses nothing; if it throws, either nothing or (when the failure hit
 *       the commit acknowledgement itself) the whole batch was stored. Concurrent batches never
 *       interleave and never leave gaps: every index below {@link #sequencedSize()} is stored.
 *   <li><b>Immutability.</b> A stored entry, tile, entry bundle or published checkpoint never
 *       changes. Writing one that exists with other bytes fails with
 *       {@link StoreConflictException} and writes nothing. Once a full (256-wide) tile or
 *       bundle is stored, the store may delete the partial ones at the same coordinates: their
 *       bytes are a prefix of the full one, and readers derive them from it.
 *   <li><b>Integration.</b> {@link #integrate} stores tiles, bundles and a new checkpoint in one
 *       atomic step, and only if the current tree is still {@link TreeUpdate#from()}: a
 *       compare-and-swap on (size, root). Of two integrations from one state at most one wins,
 *       so two processes can never publish two diverging trees.
 *   <li><b>Reads</b> see only committed state. A tile, bundle or checkpoint that is readable
 *       was stored together with a checkpoint that covers it.
 * </ul>
 *
 * <p>Errors of the underlying storage are {@link IOException}s.
 */
public interface LogStore extends TileReader {
  /**
   * Durably assigns consecutive indexes to {@code leaves} (non-empty), in list order.
   *
   * @return the index of the first leaf
   */
  long sequence(List<Leaf> leaves) throws IOException;

  /** The number of sequenced entries, that is the next index to be assigned. */
  long sequencedSize() throws IOException;

  /**
   * The sequenced leaves {@code [start, start + count)}, in index order.
   *
   * @throws IllegalArgumentException if the range is not within {@code [0, sequencedSize())}
   */
  List<Leaf> readLeaves(long start, int count) throws IOException;

  /**
   * Reads hash tiles, one per id, in order. A partial tile that is not stored itself is cut
   * from the narrowest wider tile stored at the same level and index (tile hashes only ever
   * grow at the right).
   *
   * @throws MissingObjectException if no stored tile holds the requested hashes
   */
  @Override
  List<Tile> readTiles(List<TileId> ids) throws IOException;

  /**
   * The narrowest stored entry bundle at {@code id}'s index that is at least as wide as
   * {@code id} (so {@code id} itself when stored); empty if there is none. The caller cuts a
   * wider bundle down to the entries it wants.
   */
  Optional<EntryBundleData> readEntryBundle(TileId id) throws IOException;

  /** The latest published checkpoint; empty while the log has never integrated anything. */
  Optional<PublishedCheckpoint> latestCheckpoint() throws IOException;

  /**
   * Published checkpoints with {@code size >= fromSize}, smallest first, at most {@code limit}
   * of them. Every checkpoint ever published stays in this history.
   */
  List<PublishedCheckpoint> checkpoints(long fromSize, int limit) throws IOException;

  /**
   * Stores {@code update}'s tiles, bundles and checkpoint atomically if the current tree is
   * still {@code update.from()}.
   *
   * @return true if this call published the checkpoint; false if the current tree had moved on
   *     (another integrator won) and nothing was written
   * @throws StoreConflictException if a tile, bundle or checkpoint size already exists with
   *     other bytes; nothing was written
   */
  boolean integrate(TreeUpdate update) throws IOException;

  /** The current tree: that of the latest checkpoint, or the empty tree. */
  default TreeState currentTree() throws IOException {
    return latestCheckpoint().map(TreeState::of).orElse(TreeState.empty());
  }
}
