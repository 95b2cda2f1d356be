package dev.toolseal.tlog.tiles;

/** A tile path, tile body or entry bundle is not in the C2SP tlog-tiles format. */
public final class TileFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public TileFormatException(String message) {
    super(message);
  }
}
