package dev.toolseal.verifier.monitor;

import dev.toolseal.tlog.tiles.EntryBundle;
import dev.toolseal.tlog.tiles.Tile;
import dev.toolseal.tlog.tiles.TileFormatException;
import dev.toolseal.tlog.tiles.TileId;
import dev.toolseal.tlog.tiles.TileReader;
import dev.toolseal.verifier.registry.RegistryClient;
import dev.toolseal.verifier.registry.RegistryFormatException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hash tiles and entry bundles from a registry's tile API, remembered for one monitor pass. What
 * it returns is unverified; the monitor checks every entry against the signed root.
 */
final class TileFetcher implements TileReader {
  private static final int MAX_CACHED = 4096;
  private final RegistryClient client;
  private final Map<TileId, Tile> cache = new HashMap<>();

  TileFetcher(RegistryClient client) {
    this.client = client;
  }

  @Override
  public List<Tile> readTiles(List<TileId> ids) throws IOException {
    List<Tile> out = new ArrayList<>();
    for (TileId id : ids) {
      Tile t = cache.get(id);
      if (t == null) {
        try {
          t = Tile.parse(id, client.tile(id.path()));
        } catch (TileFormatException e) {
          throw new RegistryFormatException("tile " + id.path() + " is malformed", e);
        }
        if (cache.size() < MAX_CACHED) {
          cache.put(id, t);
        }
      }
      out.add(t);
    }
    return out;
  }

  /** The entries of level-0 tile {@code id}. */
  List<byte[]> entries(TileId id) throws IOException {
    try {
      return EntryBundle.decode(client.tile(id.entriesPath()), id);
    } catch (TileFormatException e) {
      throw new RegistryFormatException("entry bundle " + id.entriesPath() + " is malformed", e);
    }
  }
}
