package dev.toolseal.tlog.tiles;

/** The text form of tile and entry bundle paths, both ways, strictly. */
final class TilePath {
  private static final String TILE = "tile/";
  private static final String ENTRIES = "tile/entries/";
  private static final String PARTIAL = ".p/";
  /** Longest valid path: "tile/entries/" + 7 index groups + ".p/255". */
  private static final int MAX_LENGTH = 64;
  /** A long has at most 19 digits: 7 groups of 3. */
  private static final int MAX_GROUPS = 7;

  private TilePath() {}

  static String encodeIndex(long index) {
    String digits = Long.toString(index);
    int pad = (3 - digits.length() % 3) % 3;
    digits = "0".repeat(pad) + digits;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < digits.length(); i += 3) {
      if (i + 3 < digits.length()) {
        sb.append('x').append(digits, i, i + 3).append('/');
      } else {
        sb.append(digits, i, i + 3);
      }
    }
    return sb.toString();
  }

  static String widthSuffix(int width) {
    return width == TileId.FULL_WIDTH ? "" : PARTIAL + width;
  }

  static TileId parse(String path, boolean entries) throws TileFormatException {
    if (path == null || path.isEmpty() || path.length() > MAX_LENGTH) {
      throw new TileFormatException("a tile path is 1.." + MAX_LENGTH + " characters");
    }
    int level;
    String rest;
    if (entries) {
      if (!path.startsWith(ENTRIES)) {
        throw new TileFormatException("an entry bundle path starts with " + ENTRIES);
      }
      level = 0;
      rest = path.substring(ENTRIES.length());
    } else {
      if (!path.startsWith(TILE) || path.startsWith(ENTRIES)) {
        throw new TileFormatException("a tile path starts with " + TILE + "<level>/");
      }
      int slash = path.indexOf('/', TILE.length());
      if (slash < 0) {
        throw new TileFormatException("a tile path has a level and an index");
      }
      level = parseLevel(path.substring(TILE.length(), slash));
      rest = path.substring(slash + 1);
    }
    int width = TileId.FULL_WIDTH;
    int p = rest.indexOf(PARTIAL);
    if (p >= 0) {
      width = parseWidth(rest.substring(p + PARTIAL.length()));
      rest = rest.substring(0, p);
    }
    long index = parseIndex(rest);
    try {
      return new TileId(level, index, width);
    } catch (IllegalArgumentException e) {
      throw new TileFormatException("tile out of range: " + e.getMessage());
    }
  }

  private static int parseLevel(String s) throws TileFormatException {
    // The spec allows 0..63; a tree with a long size never needs more than MAX_LEVEL.
    if (!isCanonicalDecimal(s, 2)) {
      throw new TileFormatException("a tile level is a decimal number without leading zeros");
    }
    int level = Integer.parseInt(s);
    if (level > TileId.MAX_LEVEL) {
      throw new TileFormatException("tile level " + level + " is above " + TileId.MAX_LEVEL);
    }
    return level;
  }

  private static int parseWidth(String s) throws TileFormatException {
    if (!isCanonicalDecimal(s, 3)) {
      throw new TileFormatException("a partial width is a decimal number without leading zeros");
    }
    int width = Integer.parseInt(s);
    if (width < 1 || width >= TileId.FULL_WIDTH) {
      throw new TileFormatException("a partial width is 1.." + (TileId.FULL_WIDTH - 1));
    }
    return width;
  }

  private static long parseIndex(String s) throws TileFormatException {
    String[] groups = s.split("/", -1);
    if (groups.length > MAX_GROUPS) {
      throw new TileFormatException("a tile index has at most " + MAX_GROUPS + " groups");
    }
    long index = 0;
    for (int i = 0; i < groups.length; i++) {
      String g = groups[i];
      boolean last = i == groups.length - 1;
      if (!last) {
        if (g.length() != 4 || g.charAt(0) != 'x') {
          throw new TileFormatException("every index group but the last is x and 3 digits");
        }
        g = g.substring(1);
        if (i == 0 && g.equals("000")) {
          throw new TileFormatException("a tile index has no leading zero groups");
        }
      }
      if (g.length() != 3 || !allDigits(g)) {
        throw new TileFormatException("an index group has exactly 3 digits");
      }
      try {
        index = Math.addExact(Math.multiplyExact(index, 1000), Integer.parseInt(g));
      } catch (ArithmeticException e) {
        throw new TileFormatException("tile index does not fit in 63 bits");
      }
    }
    return index;
  }

  private static boolean isCanonicalDecimal(String s, int maxDigits) {
    return !s.isEmpty() && s.length() <= maxDigits && allDigits(s)
        && (s.length() == 1 || s.charAt(0) != '0');
  }

  private static boolean allDigits(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return false;
      }
    }
    return true;
  }
}
