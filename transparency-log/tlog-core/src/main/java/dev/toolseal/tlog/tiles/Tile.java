package dev.toolseal.tlog.tiles;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.Rfc6962;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * One tile's content: {@code id.width()} hashes of tree level {@code 8 * id.level()},
 * concatenated, exactly {@code 32 * width} bytes as served at {@code id.path()}. Immutable.
 */
public final class Tile {
  private final TileId id;
  private final byte[] data;

  private Tile(TileId id, byte[] data) {
    this.id = id;
    this.data = data;
  }

  /** Parses a tile body fetched for {@code id}; it must be exactly {@code 32 * width} bytes. */
  public static Tile parse(TileId id, byte[] body) throws TileFormatException {
    Objects.requireNonNull(id, "id");
    if (body == null || body.length != id.width() * Hash.SIZE) {
      throw new TileFormatException("tile " + id + " must be " + id.width() * Hash.SIZE
          + " bytes, got " + (body == null ? "none" : body.length));
    }
    return new Tile(id, body.clone());
  }

  /** The tile {@code id} holding {@code hashes}, of which there must be {@code id.width()}. */
  public static Tile of(TileId id, List<Hash> hashes) {
    Objects.requireNonNull(id, "id");
    if (hashes.size() != id.width()) {
      throw new IllegalArgumentException(
          "tile " + id + " holds " + id.width() + " hashes, got " + hashes.size());
    }
    byte[] data = new byte[hashes.size() * Hash.SIZE];
    for (int i = 0; i < hashes.size(); i++) {
      hashes.get(i).copyTo(data, i * Hash.SIZE);
    }
    return new Tile(id, data);
  }

  public TileId id() {
    return id;
  }

  public int width() {
    return id.width();
  }

  /** The {@code i}-th hash, 0 <= i < width. */
  public Hash hash(int i) {
    Objects.checkIndex(i, id.width());
    return Hash.of(data, i * Hash.SIZE);
  }

  public List<Hash> hashes() {
    List<Hash> out = new ArrayList<>(id.width());
    for (int i = 0; i < id.width(); i++) {
      out.add(hash(i));
    }
    return List.copyOf(out);
  }

  /** The tile body: a copy of the {@code 32 * width} bytes. */
  public byte[] bytes() {
    return data.clone();
  }

  /**
   * The Merkle hash of the complete subtree over hashes {@code [start, start + count)} of this
   * tile; {@code count} is a power of two no larger than 256 and {@code start} a multiple of it.
   */
  public Hash subtreeHash(int start, int count) {
    if (count < 1 || Integer.bitCount(count) != 1 || start < 0 || start % count != 0
        || start + count > id.width()) {
      throw new IllegalArgumentException(
          "no complete subtree [" + start + ", " + (start + count) + ") in tile " + id);
    }
    Hash[] level = new Hash[count];
    for (int i = 0; i < count; i++) {
      level[i] = hash(start + i);
    }
    for (int n = count; n > 1; n /= 2) {
      for (int i = 0; i < n / 2; i++) {
        level[i] = Rfc6962.nodeHash(level[2 * i], level[2 * i + 1]);
      }
    }
    return level[0];
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Tile t && id.equals(t.id) && Arrays.equals(data, t.data);
  }

  @Override
  public int hashCode() {
    return 31 * id.hashCode() + Arrays.hashCode(data);
  }

  @Override
  public String toString() {
    return "Tile[" + id + "]";
  }
}
