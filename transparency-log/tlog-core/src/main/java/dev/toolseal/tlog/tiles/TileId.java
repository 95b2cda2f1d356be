package dev.toolseal.tlog.tiles;

import dev.toolseal.tlog.NodeId;

/**
 * Names one C2SP tlog-tiles tile: the {@code index}-th tile of tile level {@code level}, holding
 * {@code width} consecutive hashes of tree level {@code 8 * level}. A full tile is
 * {@value #FULL_WIDTH} hashes wide; a narrower one is the partial tile at a tree's right edge.
 *
 * <p>Only tiles whose hashes are nodes of a tree of at most {@link Long#MAX_VALUE} leaves exist,
 * so {@code level} is 0..{@value #MAX_LEVEL}.
 */
public record TileId(int level, long index, int width) {
  /** Tree levels per tile. */
  public static final int TILE_HEIGHT = 8;
  /** Hashes in a full tile. */
  public static final int FULL_WIDTH = 1 << TILE_HEIGHT;
  /** Highest tile level a tree with a {@code long} size reaches. */
  public static final int MAX_LEVEL = 7;

  public TileId {
    if (level < 0 || level > MAX_LEVEL) {
      throw new IllegalArgumentException("tile level " + level + " is outside 0.." + MAX_LEVEL);
    }
    if (width < 1 || width > FULL_WIDTH) {
      throw new IllegalArgumentException("tile width " + width + " is outside 1.." + FULL_WIDTH);
    }
    // Every hash must be a valid node: firstHashIndex + width <= MAX_VALUE >> treeLevel.
    long nodes = Long.MAX_VALUE >> (TILE_HEIGHT * level);
    if (index < 0 || index > nodes / FULL_WIDTH || index * FULL_WIDTH > nodes - width) {
      throw new IllegalArgumentException("tile index " + index + " is outside level " + level);
    }
  }

  /** The full tile {@code index} of level {@code level}. */
  public static TileId full(int level, long index) {
    return new TileId(level, index, FULL_WIDTH);
  }

  public boolean isPartial() {
    return width < FULL_WIDTH;
  }

  /** The tree level of the hashes stored in this tile. */
  public int treeLevel() {
    return TILE_HEIGHT * level;
  }

  /** The node of the {@code i}-th hash stored in this tile. */
  public NodeId node(int i) {
    if (i < 0 || i >= width) {
      throw new IndexOutOfBoundsException("hash " + i + " of a tile of width " + width);
    }
    return new NodeId(treeLevel(), index * FULL_WIDTH + i);
  }

  /** The same tile at another width. */
  public TileId withWidth(int newWidth) {
    return new TileId(level, index, newWidth);
  }

  /** {@code tile/<L>/<N>[.p/<W>]}, without a leading slash. */
  public String path() {
    return "tile/" + level + "/" + TilePath.encodeIndex(index) + TilePath.widthSuffix(width);
  }

  /** {@code tile/entries/<N>[.p/<W>]}; only level 0 tiles have entry bundles. */
  public String entriesPath() {
    if (level != 0) {
      throw new IllegalStateException("a level " + level + " tile has no entry bundle");
    }
    return "tile/entries/" + TilePath.encodeIndex(index) + TilePath.widthSuffix(width);
  }

  /** Parses a canonical {@code tile/<L>/<N>[.p/<W>]} path (no leading slash). */
  public static TileId parsePath(String path) throws TileFormatException {
    return TilePath.parse(path, false);
  }

  /** Parses a canonical {@code tile/entries/<N>[.p/<W>]} path; the result has level 0. */
  public static TileId parseEntriesPath(String path) throws TileFormatException {
    return TilePath.parse(path, true);
  }

  @Override
  public String toString() {
    return path();
  }
}
