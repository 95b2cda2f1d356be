package dev.toolseal.tlog.engine;

import dev.toolseal.tlog.tiles.Tile;
import dev.toolseal.tlog.tiles.TileId;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * One integration, as handed to {@link LogStore#integrate}: the tree it starts from, the
 * checkpoint it publishes, and the tiles and entry bundles that the new tree adds.
 */
public record TreeUpdate(
    TreeState from, PublishedCheckpoint to, List<Tile> tiles, List<EntryBundleData> bundles) {
  public TreeUpdate {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    if (to.size() <= from.size()) {
      throw new IllegalArgumentException(
          "an update grows the tree: " + from.size() + " -> " + to.size());
    }
    tiles = List.copyOf(tiles);
    bundles = List.copyOf(bundles);
    Set<TileId> seen = new HashSet<>();
    for (Tile t : tiles) {
      if (!seen.add(t.id())) {
        throw new IllegalArgumentException("tile " + t.id() + " twice in one update");
      }
    }
    seen.clear();
    for (EntryBundleData b : bundles) {
      if (!seen.add(b.id())) {
        throw new IllegalArgumentException("bundle " + b.id() + " twice in one update");
      }
    }
  }
}
