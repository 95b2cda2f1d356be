package dev.toolseal.tlog.engine;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.Rfc6962;
import java.util.Objects;

/**
 * One log entry with its RFC 6962 leaf hash, as the store keeps it. Immutable: the entry bytes
 * are copied in and out.
 */
public final class Leaf {
  /** The largest entry a C2SP tlog-tiles entry bundle can hold (a 16-bit length prefix). */
  public static final int MAX_ENTRY_SIZE = 65535;

  private final byte[] entry;
  private final Hash hash;

  private Leaf(byte[] entry, Hash hash) {
    this.entry = entry;
    this.hash = hash;
  }

  /**
   * The leaf for {@code entry}, hashing it.
   *
   * @throws IllegalArgumentException if the entry is longer than {@value #MAX_ENTRY_SIZE} bytes
   */
  public static Leaf of(byte[] entry) {
    checkSize(entry);
    byte[] copy = entry.clone();
    return new Leaf(copy, Rfc6962.leafHash(copy));
  }

  /**
   * A leaf read back from storage: {@code hash} must be the leaf hash of {@code entry}; it is
   * checked, so a corrupted row is never served as if it were sound.
   *
   * @throws IllegalArgumentException if the hash does not match or the entry is too long
   */
  public static Leaf stored(byte[] entry, Hash hash) {
    checkSize(entry);
    Objects.requireNonNull(hash, "hash");
    byte[] copy = entry.clone();
    Hash actual = Rfc6962.leafHash(copy);
    if (!actual.equals(hash)) {
      throw new IllegalArgumentException(
          "stored leaf hash " + hash + " is not the hash of its entry, " + actual);
    }
    return new Leaf(copy, hash);
  }

  private static void checkSize(byte[] entry) {
    Objects.requireNonNull(entry, "entry");
    if (entry.length > MAX_ENTRY_SIZE) {
      throw new IllegalArgumentException(
          "an entry is at most " + MAX_ENTRY_SIZE + " bytes, got " + entry.length);
    }
  }

  /** A copy of the entry bytes. */
  public byte[] entry() {
    return entry.clone();
  }

  /** The entry's length in bytes. */
  public int size() {
    return entry.length;
  }

  /** {@code SHA-256(0x00 || entry)}. */
  public Hash hash() {
    return hash;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Leaf l && hash.equals(l.hash);
  }

  @Override
  public int hashCode() {
    return hash.hashCode();
  }

  @Override
  public String toString() {
    return "Leaf[" + entry.length + " bytes, " + hash + "]";
  }
}
