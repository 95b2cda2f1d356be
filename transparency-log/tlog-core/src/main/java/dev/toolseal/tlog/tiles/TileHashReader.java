package dev.toolseal.tlog.tiles;

import static dev.toolseal.tlog.tiles.TileId.FULL_WIDTH;
import static dev.toolseal.tlog.tiles.TileId.TILE_HEIGHT;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.HashReader;
import dev.toolseal.tlog.NodeId;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Serves any node hash of one tree from that tree's tiles: it reads every tile a request needs
 * in one {@link TileReader} call and computes interior nodes inside the tiles. Proofs over a
 * tiled log are then, for example,
 * {@code MerkleTree.proveInclusion(i, n, new TileHashReader(n, reader))}.
 */
public final class TileHashReader implements HashReader {
  private final long treeSize;
  private final TileReader reader;

  public TileHashReader(long treeSize, TileReader reader) {
    if (treeSize < 0) {
      throw new IllegalArgumentException("negative tree size " + treeSize);
    }
    this.treeSize = treeSize;
    this.reader = Objects.requireNonNull(reader, "reader");
  }

  public long treeSize() {
    return treeSize;
  }

  /**
   * @throws IllegalArgumentException if a node is not a complete subtree of this tree
   * @throws IOException if the tiles cannot be read or the reader breaks its contract
   */
  @Override
  public List<Hash> readHashes(List<NodeId> ids) throws IOException {
    Map<TileId, Integer> slot = new LinkedHashMap<>();
    List<TileId> tileOf = new ArrayList<>(ids.size());
    for (NodeId id : ids) {
      TileId t = Tiles.tileFor(id, treeSize);
      tileOf.add(t);
      slot.putIfAbsent(t, slot.size());
    }
    List<Tile> tiles = TileReader.readChecked(reader, new ArrayList<>(slot.keySet()));
    List<Hash> out = new ArrayList<>(ids.size());
    for (int i = 0; i < ids.size(); i++) {
      NodeId id = ids.get(i);
      Tile tile = tiles.get(slot.get(tileOf.get(i)));
      int start = (int) (Tiles.firstStoredIndex(id) - tile.id().index() * FULL_WIDTH);
      out.add(tile.subtreeHash(start, 1 << (id.level() % TILE_HEIGHT)));
    }
    return List.copyOf(out);
  }
}
