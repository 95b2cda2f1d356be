package dev.toolseal.tlog;

/**
 * A complete subtree of a Merkle tree: the {@code 2^level} leaves starting at leaf
 * {@code index << level}. Level 0 nodes are leaves. Every node a tree of at most
 * {@link Long#MAX_VALUE} leaves can hold is representable; nothing else is.
 *
 * @param level height of the subtree, 0..62
 * @param index position among the nodes of that level, counted from the left, from 0
 */
public record NodeId(int level, long index) {
  /** The highest level a node of a tree with a {@code long} size can have. */
  public static final int MAX_LEVEL = 62;

  public NodeId {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("node level " + level + " is outside 0.." + MAX_LEVEL);
    }
    // The leaves must end at or before Long.MAX_VALUE: (index + 1) << level <= MAX_VALUE.
    if (index < 0 || index >= Long.MAX_VALUE >> level) {
      throw new IllegalArgumentException("node index " + index + " is outside level " + level);
    }
  }

  /** The node holding exactly one leaf. */
  public static NodeId leaf(long index) {
    return new NodeId(0, index);
  }

  /** Index of the first leaf under this node. */
  public long firstLeaf() {
    return index << level;
  }

  /** Index one past the last leaf under this node. */
  public long endLeaf() {
    return (index + 1) << level;
  }

  /** Number of leaves under this node. */
  public long leafCount() {
    return 1L << level;
  }
}
