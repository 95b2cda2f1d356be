package dev.toolseal.tlog.engine;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.tiles.EntryBundle;
import dev.toolseal.tlog.tiles.Tile;
import dev.toolseal.tlog.tiles.TileFormatException;
import dev.toolseal.tlog.tiles.TileHashReader;
import dev.toolseal.tlog.tiles.TileId;
import dev.toolseal.tlog.tiles.TileReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the log's read API serves: the latest signed checkpoint, tiles and entry bundles
 * (C2SP tlog-tiles), and inclusion and consistency proofs computed from the tiles (never from
 * the entries table), for any tree size up to the latest checkpoint's.
 */
public final class LogReader {
  /** Tiles kept in memory by default (full tiles are 8 KiB: at most 16 MiB). */
  public static final int DEFAULT_TILE_CACHE = 2048;

  private final LogStore store;
  private final TileReader tiles;
  private final Map<TileId, Tile> tileCache = new ConcurrentHashMap<>();
  private final int tileCacheSize;
  private final AtomicLong knownPublished = new AtomicLong();

  /** A reader with the default tile cache. */
  public LogReader(LogStore store) {
    this(store, DEFAULT_TILE_CACHE);
  }

  /**
   * A reader keeping up to {@code tileCacheSize} tiles in memory (0: none). A tile is the same
   * bytes forever once stored (a partial tile of width w is always the first w hashes of its
   * full tile), so cached tiles never go stale; the cache only saves store reads for proofs and
   * the tile API. When it is full an arbitrary part of it is dropped.
   */
  public LogReader(LogStore store, int tileCacheSize) {
    this.store = Objects.requireNonNull(store, "store");
    if (tileCacheSize < 0) {
      throw new IllegalArgumentException("negative tile cache size");
    }
    this.tileCacheSize = tileCacheSize;
    this.tiles = this::readTilesCached;
  }

  private List<Tile> readTilesCached(List<TileId> ids) throws IOException {
    List<Tile> out = new ArrayList<>(ids.size());
    List<TileId> missing = new ArrayList<>();
    for (TileId id : ids) {
      Tile t = tileCache.get(id);
      out.add(t);
      if (t == null) {
        missing.add(id);
      }
    }
    if (missing.isEmpty()) {
      return out;
    }
    List<Tile> read = TileReader.readChecked(store, missing);
    if (tileCacheSize > 0) {
      makeRoom(read.size());
      for (Tile t : read) {
        tileCache.put(t.id(), t);
      }
    }
    int next = 0;
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i) == null) {
        out.set(i, read.get(next++));
      }
    }
    return out;
  }

  private void makeRoom(int adding) {
    int excess = tileCache.size() + adding - tileCacheSize;
    if (excess <= 0) {
      return;
    }
    // drop a quarter (at least what is needed): cheaper than exact LRU under many readers
    int drop = Math.max(excess, tileCacheSize / 4);
    Iterator<TileId> it = tileCache.keySet().iterator();
    while (drop-- > 0 && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /** The latest published checkpoint; empty before the first integration. */
  public Optional<PublishedCheckpoint> latestCheckpoint() throws IOException {
    return store.latestCheckpoint();
  }

  /** The body of hash tile {@code id}, if the log has it. */
  public Optional<byte[]> tile(TileId id) throws IOException {
    try {
      return Optional.of(tiles.readTiles(List.of(id)).get(0).bytes());
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
    return MerkleTree.proveInclusion(index, size, new TileHashReader(size, tiles));
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
    return MerkleTree.treeHash(size, new TileHashReader(size, tiles));
  }

  private void checkSize(long size) throws IOException {
    if (size <= knownPublished.get()) {
      return; // checkpoints only grow: a size once covered stays covered
    }
    long published = store.latestCheckpoint().map(PublishedCheckpoint::size).orElse(0L);
    knownPublished.accumulateAndGet(published, Math::max);
    if (size > published) {
      throw new IllegalArgumentException(
          "tree size " + size + " is beyond the latest checkpoint's " + published);
    }
  }
}
