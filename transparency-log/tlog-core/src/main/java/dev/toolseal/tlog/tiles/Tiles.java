package dev.toolseal.tlog.tiles;

import static dev.toolseal.tlog.tiles.TileId.FULL_WIDTH;
import static dev.toolseal.tlog.tiles.TileId.MAX_LEVEL;
import static dev.toolseal.tlog.tiles.TileId.TILE_HEIGHT;

import dev.toolseal.tlog.NodeId;
import java.util.ArrayList;
import java.util.List;

/** Which tiles make up a tree, and which tile holds a given node. */
public final class Tiles {
  private Tiles() {}

  /**
   * Every tile of the tree of {@code size} leaves: full tiles and the right-edge partial ones,
   * level by level from 0, by index within a level. Its length grows with {@code size / 256}.
   */
  public static List<TileId> forTree(long size) {
    return added(0, size);
  }

  /**
   * The tiles the tree of {@code newSize} has and the tree of {@code oldSize} does not, in the
   * order of {@link #forTree}: new full and partial tiles, and wider versions of the old tree's
   * partial tiles.
   */
  public static List<TileId> added(long oldSize, long newSize) {
    checkSizes(oldSize, newSize);
    List<TileId> out = new ArrayList<>();
    for (int level = 0; level <= MAX_LEVEL; level++) {
      long oldCount = hashCount(level, oldSize);
      long newCount = hashCount(level, newSize);
      if (newCount == oldCount) {
        break; // no new hash at this level, so none above it either
      }
      for (long t = oldCount / FULL_WIDTH; t * FULL_WIDTH < newCount; t++) {
        out.add(new TileId(level, t, (int) Math.min(FULL_WIDTH, newCount - t * FULL_WIDTH)));
      }
    }
    return List.copyOf(out);
  }

  /** The right-edge partial tiles of the tree of {@code size}, at most one per level. */
  public static List<TileId> partialTiles(long size) {
    checkSizes(0, size);
    List<TileId> out = new ArrayList<>();
    for (int level = 0; level <= MAX_LEVEL; level++) {
      long count = hashCount(level, size);
      if (count % FULL_WIDTH != 0) {
        out.add(new TileId(level, count / FULL_WIDTH, (int) (count % FULL_WIDTH)));
      }
    }
    return List.copyOf(out);
  }

  /**
   * The tile of the tree of {@code treeSize} that holds {@code node}, either as a stored hash
   * (tree levels that are multiples of 8) or as an interior node computed from the stored
   * hashes under it. The width is that tile's width in this tree.
   *
   * @throws IllegalArgumentException if the node is not a complete subtree of the tree
   */
  public static TileId tileFor(NodeId node, long treeSize) {
    if (node.endLeaf() > treeSize) {
      throw new IllegalArgumentException("node " + node + " is not in a tree of size " + treeSize);
    }
    int level = node.level() / TILE_HEIGHT;
    long first = firstStoredIndex(node);
    long tile = first / FULL_WIDTH;
    long count = hashCount(level, treeSize);
    return new TileId(level, tile, (int) Math.min(FULL_WIDTH, count - tile * FULL_WIDTH));
  }

  /** The index, among the stored hashes of its tile level, of the first one under {@code node}. */
  static long firstStoredIndex(NodeId node) {
    return node.index() << (node.level() % TILE_HEIGHT);
  }

  /** Number of complete tree level {@code 8 * level} nodes in the tree of {@code size}. */
  static long hashCount(int level, long size) {
    return size >> (TILE_HEIGHT * level);
  }

  private static void checkSizes(long oldSize, long newSize) {
    if (oldSize < 0 || newSize < oldSize) {
      throw new IllegalArgumentException("tree sizes " + oldSize + " -> " + newSize);
    }
  }
}
