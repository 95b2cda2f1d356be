package dev.toolseal.tlog.tiles;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * C2SP tlog-tiles entry bundles: the entries of one level 0 tile, each a big-endian uint16 length
 * followed by that many bytes, with nothing in between or after. An entry is therefore at most
 * 65535 bytes. The spec does not forbid an empty entry, and RFC 6962 hashes empty leaf data like
 * any other (the reference tree's first leaf is empty), so a zero length is accepted.
 */
public final class EntryBundle {
  /** Largest entry a uint16 length can describe. */
  public static final int MAX_ENTRY_SIZE = 0xFFFF;

  private EntryBundle() {}

  /** Encodes 1..256 entries of at most {@value #MAX_ENTRY_SIZE} bytes each. */
  public static byte[] encode(List<byte[]> entries) {
    checkCount(entries.size());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] e : entries) {
      if (e.length > MAX_ENTRY_SIZE) {
        throw new IllegalArgumentException(
            "an entry is at most " + MAX_ENTRY_SIZE + " bytes, got " + e.length);
      }
      out.write(e.length >>> 8);
      out.write(e.length & 0xFF);
      out.write(e, 0, e.length);
    }
    return out.toByteArray();
  }

  /** Decodes the bundle served for {@code id}: it must hold exactly {@code id.width()} entries. */
  public static List<byte[]> decode(byte[] bundle, TileId id) throws TileFormatException {
    if (id.level() != 0) {
      throw new IllegalArgumentException("only level 0 tiles have entry bundles, not " + id);
    }
    return decode(bundle, id.width());
  }

  /** Decodes a bundle that must hold exactly {@code expectedCount} (1..256) entries. */
  public static List<byte[]> decode(byte[] bundle, int expectedCount)
      throws TileFormatException {
    checkCount(expectedCount);
    if (bundle == null) {
      throw new TileFormatException("no entry bundle");
    }
    List<byte[]> out = new ArrayList<>(expectedCount);
    int at = 0;
    while (at < bundle.length) {
      if (out.size() == expectedCount) {
        throw new TileFormatException(
            (bundle.length - at) + " bytes after the " + expectedCount + " expected entries");
      }
      if (bundle.length - at < 2) {
        throw new TileFormatException("entry " + out.size() + " has a truncated length");
      }
      int len = ((bundle[at] & 0xFF) << 8) | (bundle[at + 1] & 0xFF);
      at += 2;
      if (bundle.length - at < len) {
        throw new TileFormatException("entry " + out.size() + " is truncated: " + len
            + " bytes announced, " + (bundle.length - at) + " left");
      }
      out.add(Arrays.copyOfRange(bundle, at, at + len));
      at += len;
    }
    if (out.size() != expectedCount) {
      throw new TileFormatException(
          "bundle has " + out.size() + " entries, expected " + expectedCount);
    }
    return List.copyOf(out);
  }

  private static void checkCount(int count) {
    if (count < 1 || count > TileId.FULL_WIDTH) {
      throw new IllegalArgumentException("a bundle holds 1.." + TileId.FULL_WIDTH + " entries");
    }
  }
}
