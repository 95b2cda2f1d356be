package dev.toolseal.tlog.engine;

import dev.toolseal.tlog.tiles.TileId;
import java.util.Arrays;
import java.util.Objects;

/**
 * The bytes of one C2SP tlog-tiles entry bundle, served at {@code id.entriesPath()}: the
 * {@code id.width()} entries of level-0 tile {@code id.index()}, each with a 16-bit length.
 */
public record EntryBundleData(TileId id, byte[] bytes) {
  public EntryBundleData {
    Objects.requireNonNull(id, "id");
    if (id.level() != 0) {
      throw new IllegalArgumentException("entry bundles belong to level 0 tiles, not " + id);
    }
    bytes = bytes.clone();
  }

  /** A copy of the bundle bytes. */
  @Override
  public byte[] bytes() {
    return bytes.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EntryBundleData b && id.equals(b.id) && Arrays.equals(bytes, b.bytes);
  }

  @Override
  public int hashCode() {
    return 31 * id.hashCode() + Arrays.hashCode(bytes);
  }

  @Override
  public String toString() {
    return "EntryBundleData[" + id.entriesPath() + ", " + bytes.length + " bytes]";
  }
}
