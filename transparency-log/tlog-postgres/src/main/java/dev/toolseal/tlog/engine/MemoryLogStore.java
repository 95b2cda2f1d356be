package dev.toolseal.tlog.engine;

import dev.toolseal.tlog.tiles.Tile;
import dev.toolseal.tlog.tiles.TileFormatException;
import dev.toolseal.tlog.tiles.TileId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A {@link LogStore} in the heap of one process, for tests and for tools that need no
 * durability. Every method holds the store's lock, so each is atomic. Like the PostgreSQL store
 * it drops partial tiles and bundles once the full one is stored.
 */
public final class MemoryLogStore implements LogStore {
  private final List<Leaf> leaves = new ArrayList<>();
  private final Map<TileId, byte[]> tiles = new HashMap<>();
  private final Map<TileId, byte[]> bundles = new HashMap<>();
  private final TreeMap<Long, PublishedCheckpoint> history = new TreeMap<>();

  @Override
  public synchronized long sequence(List<Leaf> batch) {
    if (batch.isEmpty()) {
      throw new IllegalArgumentException("nothing to sequence");
    }
    long first = leaves.size();
    leaves.addAll(batch);
    return first;
  }

  @Override
  public synchronized long sequencedSize() {
    return leaves.size();
  }

  @Override
  public synchronized List<Leaf> readLeaves(long start, int count) {
    if (start < 0 || count < 0 || start + count > leaves.size()) {
      throw new IllegalArgumentException("leaves [" + start + ", " + (start + count)
          + ") are not all sequenced; size " + leaves.size());
    }
    return List.copyOf(leaves.subList((int) start, (int) start + count));
  }

  @Override
  public synchronized List<Tile> readTiles(List<TileId> ids) throws IOException {
    List<Tile> out = new ArrayList<>(ids.size());
    for (TileId id : ids) {
      try {
        out.add(Tile.parse(id, findTile(id)));
      } catch (TileFormatException e) {
        throw new IOException("stored tile " + id + " is malformed", e);
      }
    }
    return out;
  }

  private byte[] findTile(TileId id) throws MissingObjectException {
    for (int w = id.width(); w <= TileId.FULL_WIDTH; w++) {
      byte[] data = tiles.get(id.withWidth(w));
      if (data != null) {
        return Arrays.copyOf(data, id.width() * 32);
      }
    }
    throw new MissingObjectException(id.path());
  }

  @Override
  public synchronized Optional<EntryBundleData> readEntryBundle(TileId id) {
    if (id.level() != 0) {
      return Optional.empty();
    }
    for (int w = id.width(); w <= TileId.FULL_WIDTH; w++) {
      byte[] data = bundles.get(id.withWidth(w));
      if (data != null) {
        return Optional.of(new EntryBundleData(id.withWidth(w), data));
      }
    }
    return Optional.empty();
  }

  @Override
  public synchronized Optional<PublishedCheckpoint> latestCheckpoint() {
    return history.isEmpty() ? Optional.empty() : Optional.of(history.lastEntry().getValue());
  }

  @Override
  public synchronized List<PublishedCheckpoint> checkpoints(long fromSize, int limit) {
    return history.tailMap(fromSize, true).values().stream().limit(limit).toList();
  }

  @Override
  public synchronized boolean integrate(TreeUpdate update) throws IOException {
    if (!currentTree().equals(update.from())) {
      return false;
    }
    if (update.to().size() > leaves.size()) {
      throw new IllegalArgumentException("checkpoint size " + update.to().size()
          + " is beyond the sequenced size " + leaves.size());
    }
    for (Tile t : update.tiles()) {
      checkImmutable(tiles, t.id(), t.bytes(), t.id().path());
    }
    for (EntryBundleData b : update.bundles()) {
      checkImmutable(bundles, b.id(), b.bytes(), b.id().entriesPath());
    }
    for (Tile t : update.tiles()) {
      put(tiles, t.id(), t.bytes());
    }
    for (EntryBundleData b : update.bundles()) {
      put(bundles, b.id(), b.bytes());
    }
    history.put(update.to().size(), update.to());
    return true;
  }

  private static void checkImmutable(
      Map<TileId, byte[]> map, TileId id, byte[] data, String name)
      throws StoreConflictException {
    byte[] old = map.get(id);
    if (old != null && !Arrays.equals(old, data)) {
      throw new StoreConflictException(name);
    }
  }

  private static void put(Map<TileId, byte[]> map, TileId id, byte[] data) {
    map.put(id, data);
    if (!id.isPartial()) {
      for (int w = 1; w < TileId.FULL_WIDTH; w++) {
        map.remove(id.withWidth(w));
      }
    }
  }
}
