package dev.toolseal.tlog.tiles;

import static dev.toolseal.tlog.tiles.TileId.FULL_WIDTH;
import static dev.toolseal.tlog.tiles.TileId.MAX_LEVEL;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.Rfc6962;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Appends a batch of leaf hashes to a tiled tree. It reads only the old tree's right-edge partial
 * tiles (at most one per level, in one {@link TileReader} call) and returns every tile the new
 * tree has that the old one did not, with its final content, plus the new root. Work is linear
 * in the batch size.
 *
 * <p>The storage must serve the old tree's partial tiles at exactly the old tree's widths, which
 * is what the previous integration returned. A full tile is never produced twice; a partial tile
 * is superseded by a wider one at the same index (a different path), never rewritten in place.
 */
public final class TileIntegrator {
  private TileIntegrator() {}

  /**
   * The result of one integration.
   *
   * @param tiles exactly {@link Tiles#added(long, long) Tiles.added(oldSize, newSize)}, in that
   *     order, each with its content in the new tree
   */
  public record Integration(long oldSize, long newSize, Hash root, List<Tile> tiles) {
    public Integration {
      if (oldSize < 0 || newSize < oldSize) {
        throw new IllegalArgumentException("tree sizes " + oldSize + " -> " + newSize);
      }
      Objects.requireNonNull(root, "root");
      tiles = List.copyOf(tiles);
    }
  }

  /**
   * Integrates {@code newLeafHashes} (RFC 6962 leaf hashes, in log order) after the
   * {@code oldSize} leaves already tiled in the storage {@code reader} reads from.
   *
   * @throws IOException if the old tree's partial tiles cannot be read
   */
  public static Integration integrate(long oldSize, List<Hash> newLeafHashes, TileReader reader)
      throws IOException {
    if (oldSize < 0) {
      throw new IllegalArgumentException("negative tree size " + oldSize);
    }
    Objects.requireNonNull(reader, "reader");
    List<Hash> incoming = List.copyOf(newLeafHashes); // also rejects null hashes
    long newSize;
    try {
      newSize = Math.addExact(oldSize, incoming.size());
    } catch (ArithmeticException e) {
      throw new IllegalArgumentException("the tree would outgrow a long", e);
    }
    Map<TileId, Tile> known = new HashMap<>();
    for (Tile t : TileReader.readChecked(reader, Tiles.partialTiles(oldSize))) {
      known.put(t.id(), t);
    }
    List<Tile> added = new ArrayList<>();
    for (int level = 0; level <= MAX_LEVEL && !incoming.isEmpty(); level++) {
      incoming = appendLevel(level, Tiles.hashCount(level, oldSize), incoming, known, added);
    }
    for (Tile t : added) {
      known.put(t.id(), t);
    }
    Hash root = newSize == 0
        ? Rfc6962.emptyRoot()
        : MerkleTree.treeHash(newSize, new TileHashReader(newSize, ids -> lookup(known, ids)));
    return new Integration(oldSize, newSize, root, added);
  }

  /**
   * Appends {@code hashes} to tile level {@code level}, which held {@code oldCount} hashes.
   * Adds the tiles it fills or widens to {@code out}; returns the hashes of the tiles it
   * completed, which are the next level's new hashes.
   */
  private static List<Hash> appendLevel(
      int level, long oldCount, List<Hash> hashes, Map<TileId, Tile> known, List<Tile> out) {
    long tileIndex = oldCount / FULL_WIDTH;
    List<Hash> current = new ArrayList<>(FULL_WIDTH);
    int oldWidth = (int) (oldCount % FULL_WIDTH);
    if (oldWidth != 0) {
      current.addAll(known.get(new TileId(level, tileIndex, oldWidth)).hashes());
    }
    List<Hash> completed = new ArrayList<>(hashes.size() / FULL_WIDTH + 1);
    for (Hash h : hashes) {
      current.add(h);
      if (current.size() == FULL_WIDTH) {
        Tile full = Tile.of(TileId.full(level, tileIndex), current);
        out.add(full);
        completed.add(full.subtreeHash(0, FULL_WIDTH));
        tileIndex++;
        current.clear();
      }
    }
    if (!current.isEmpty()) {
      out.add(Tile.of(new TileId(level, tileIndex, current.size()), current));
    }
    return completed;
  }

  private static List<Tile> lookup(Map<TileId, Tile> known, List<TileId> ids) {
    List<Tile> out = new ArrayList<>(ids.size());
    for (TileId id : ids) {
      Tile t = known.get(id);
      if (t == null) {
        throw new IllegalStateException("integration did not produce tile " + id);
      }
      out.add(t);
    }
    return out;
  }
}
