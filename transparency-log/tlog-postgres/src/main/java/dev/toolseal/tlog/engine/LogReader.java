package dev.toolseal.tlog.engine;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.tiles.EntryBundle;
import dev.toolseal.tlog.tiles.TileFormatException;
import dev.toolseal.tlog.tiles.TileHashReader;
import dev.toolseal.tlog.tiles.TileId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the log's read API serves: the latest signed checkpoint, tiles and entry bundles
 * (C2SP tlog-tiles), and inclusion and consistency proofs computed from the tiles (never from
 * the entries table), for any tree size up to the latest checkpoint's.
 */
public final class LogReader {
  private final LogStore store;

  public LogReader(LogStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  /** The latest published checkpoint; empty before the first integration. */
  public Optional<PublishedCheckpoint> latestCheckpoint() throws IOException {
    return store.latestCheckpoint();
  }

  /** The body of hash tile {@code id}, if the log has it. */
  public Optional<byte[]> tile(TileId id) throws IOException {
    try {
      return Optional.of(store.readTiles(List.of(id)).get(0).bytes());
    } catch (MissingObjectException e) {
      return Optional.empty();
    }
  }

  /**
   * The entry bundle {@code id} (level 0), if the log has it: a stored bundle, cut down when a
   * partial one is asked for and the full one exists, or else (a partial bundle at the right
   * edge of the tree) built from the sequenced entries the latest checkpoint covers.
   */
  public Optional<byte[]> entryBundle(TileId id) throws IOException {
    if (id.level() != 0) {
      throw new IllegalArgumentException("entry bundles belong to level 0 tiles, not " + id);
    }
    Optional<EntryBundleData> stored = store.readEntryBundle(id);
    if (stored.isPresent()) {
      EntryBundleData b = stored.get();
      if (b.id().equals(id)) {
        return Optional.of(b.bytes());
      }
      try {
        List<byte[]> entries = EntryBundle.decode(b.bytes(), b.id());
        return Optional.of(EntryBundle.encode(entries.subList(0, id.width())));
      } catch (TileFormatException e) {
        throw new IOException("stored bundle " + b.id().entriesPath() + " is malformed", e);
      }
    }
    long start = id.index() * TileId.FULL_WIDTH;
    long published = store.latestCheckpoint().map(PublishedCheckpoint::size).orElse(0L);
    if (!id.isPartial() || start + id.width() > published) {
      return Optional.empty();
    }
    List<byte[]> entries = new ArrayList<>(id.width());
    for (Leaf l : store.readLeaves(start, id.width())) {
      entries.add(l.entry());
    }
    return Optional.of(EntryBundle.encode(entries));
  }

  /**
   * The RFC 9162 inclusion proof of entry {@code index} in the tree of {@code size} leaves.
   *
   * @throws IllegalArgumentException unless {@code 0 <= index < size <= } the latest
   *     checkpoint's size
   */
  public List<Hash> inclusionProof(long index, long size) throws IOException {
    checkSize(size);
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("entry " + index + " is not in a tree of " + size);
    }
    return MerkleTree.proveInclusion(index, size, new TileHashReader(size, store));
  }

  /**
   * The RFC 9162 consistency proof from the tree of {@code size1} to that of {@code size2}.
   *
   * @throws IllegalArgumentException unless {@code 0 <= size1 <= size2 <= } the latest
   *     checkpoint's size
   */
  public List<Hash> consistencyProof(long size1, long size2) throws IOException {
    checkSize(size2);
    if (size1 < 0 || size1 > size2) {
      throw new IllegalArgumentException("no consistency from " + size1 + " to " + size2);
    }
    return MerkleTree.proveConsistency(size1, size2, new TileHashReader(size2, store));
  }

  /** The root of the tree of {@code size} leaves, computed from the tiles. */
  public Hash treeHash(long size) throws IOException {
    checkSize(size);
    return MerkleTree.treeHash(size, new TileHashReader(size, store));
  }

  private void checkSize(long size) throws IOException {
    long published = store.latestCheckpoint().map(PublishedCheckpoint::size).orElse(0L);
    if (size > published) {
      throw new IllegalArgumentException(
          "tree size " + size + " is beyond the latest checkpoint's " + published);
    }
  }
}
