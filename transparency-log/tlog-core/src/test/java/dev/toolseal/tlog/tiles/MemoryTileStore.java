package dev.toolseal.tlog.tiles;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A fake tile storage: a map of tiles, and a log of every readTiles call. */
public final class MemoryTileStore implements TileReader {
  private final Map<TileId, Tile> tiles = new HashMap<>();
  private final List<List<TileId>> reads = new ArrayList<>();

  public void putAll(List<Tile> added) {
    for (Tile t : added) {
      tiles.put(t.id(), t);
    }
  }

  public Map<TileId, Tile> tiles() {
    return tiles;
  }

  @Override
  public List<Tile> readTiles(List<TileId> ids) throws IOException {
    reads.add(List.copyOf(ids));
    List<Tile> out = new ArrayList<>(ids.size());
    for (TileId id : ids) {
      Tile t = tiles.get(id);
      if (t == null) {
        throw new IOException("no tile " + id);
      }
      out.add(t);
    }
    return out;
  }

  /** Every readTiles call so far, in order. */
  public List<List<TileId>> reads() {
    return reads;
  }

  public void clearReads() {
    reads.clear();
  }
}
