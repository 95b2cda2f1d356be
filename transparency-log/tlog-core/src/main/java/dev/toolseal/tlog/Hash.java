package dev.toolseal.tlog;

import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;

/**
 * A SHA-256 value: a Merkle tree node, a leaf hash or a root. Immutable; the bytes are copied in
 * and out.
 */
public final class Hash implements Comparable<Hash> {
  /** Length of a hash in bytes. */
  public static final int SIZE = 32;

  private final byte[] bytes;

  private Hash(byte[] bytes) {
    this.bytes = bytes;
  }

  /** Wraps a copy of {@code bytes}, which must be exactly {@value #SIZE} bytes long. */
  public static Hash of(byte[] bytes) {
    if (bytes == null || bytes.length != SIZE) {
      throw new IllegalArgumentException(
          "a hash is " + SIZE + " bytes, got " + (bytes == null ? "null" : bytes.length));
    }
    return new Hash(bytes.clone());
  }

  /** Reads {@value #SIZE} bytes of {@code src} starting at {@code offset}. */
  public static Hash of(byte[] src, int offset) {
    if (offset < 0 || src.length - offset < SIZE) {
      throw new IllegalArgumentException("no room for a hash at offset " + offset);
    }
    return new Hash(Arrays.copyOfRange(src, offset, offset + SIZE));
  }

  /** Takes ownership of {@code bytes} without copying; for callers in this package only. */
  static Hash wrap(byte[] bytes) {
    return new Hash(bytes);
  }

  /** Parses 64 lower- or upper-case hex digits. */
  public static Hash fromHex(String hex) {
    if (hex.length() != 2 * SIZE) {
      throw new IllegalArgumentException("a hex hash is " + 2 * SIZE + " digits");
    }
    return new Hash(HexFormat.of().parseHex(hex));
  }

  /**
   * Parses the canonical standard (padded) base64 of exactly {@value #SIZE} bytes. Missing
   * padding and non-zero padding bits, which the JDK decoder tolerates, are refused: one hash has
   * exactly one text form.
   */
  public static Hash fromBase64(String b64) {
    byte[] decoded = Base64.getDecoder().decode(b64);
    if (!Base64.getEncoder().encodeToString(decoded).equals(b64)) {
      throw new IllegalArgumentException("not the canonical base64 of a hash");
    }
    return of(decoded);
  }

  /** A copy of the bytes. */
  public byte[] bytes() {
    return bytes.clone();
  }

  /** The backing array itself, for hashing inside this package; never modified by callers. */
  byte[] bytesUnsafe() {
    return bytes;
  }

  /** Copies the bytes into {@code dst} at {@code offset}. */
  public void copyTo(byte[] dst, int offset) {
    System.arraycopy(bytes, 0, dst, offset, SIZE);
  }

  public String hex() {
    return HexFormat.of().formatHex(bytes);
  }

  public String base64() {
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Returns a hash that differs from this one in bit {@code bit} (0..255); for tests. */
  public Hash flipBit(int bit) {
    byte[] b = bytes.clone();
    b[bit / 8] ^= (byte) (1 << (bit % 8));
    return new Hash(b);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Hash h && Arrays.equals(bytes, h.bytes);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(bytes);
  }

  @Override
  public int compareTo(Hash o) {
    return Arrays.compareUnsigned(bytes, o.bytes);
  }

  @Override
  public String toString() {
    return hex();
  }
}
