package dev.toolseal.tlog.tiles;

import java.io.IOException;
import java.util.List;

/**
 * Reads tiles from storage (a database, files, an HTTP tile server).
 *
 * <p>Contract: the result has exactly one tile per requested id, in the order asked, and each
 * tile's {@link Tile#id()} equals the id asked for (same level, index and width). A tile that is
 * missing or unreadable is an {@link IOException}. Callers check the contract and treat a
 * violation as an {@link IOException} too.
 */
@FunctionalInterface
public interface TileReader {
  List<Tile> readTiles(List<TileId> ids) throws IOException;

  /** Calls {@code reader} and checks that it kept the contract. */
  static List<Tile> readChecked(TileReader reader, List<TileId> ids) throws IOException {
    if (ids.isEmpty()) {
      return List.of();
    }
    List<Tile> tiles = reader.readTiles(List.copyOf(ids));
    if (tiles == null || tiles.size() != ids.size()) {
      throw new IOException("tile reader answered " + (tiles == null ? "null" : tiles.size())
          + " tiles for " + ids.size() + " ids");
    }
    for (int i = 0; i < ids.size(); i++) {
      Tile t = tiles.get(i);
      if (t == null || !t.id().equals(ids.get(i))) {
        throw new IOException("tile reader answered " + (t == null ? "null" : t.id())
            + " for " + ids.get(i));
      }
    }
    return List.copyOf(tiles);
  }
}
