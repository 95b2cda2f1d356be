package dev.toolseal.tlog;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * RFC 6962 section 2.1 hashing: {@code leaf = SHA-256(0x00 || data)},
 * {@code node = SHA-256(0x01 || left || right)} and the empty tree's root {@code SHA-256()}.
 */
public final class Rfc6962 {
  private static final Hash EMPTY = Hash.wrap(sha256().digest());
  /** Looking up a MessageDigest costs more than hashing 65 bytes, so each thread keeps one. */
  private static final ThreadLocal<MessageDigest> DIGEST =
      ThreadLocal.withInitial(Rfc6962::sha256);

  private Rfc6962() {}

  /** The root of the tree with no leaves: SHA-256 of the empty string. */
  public static Hash emptyRoot() {
    return EMPTY;
  }

  public static Hash leafHash(byte[] data) {
    return leafHash(data, 0, data.length);
  }

  public static Hash leafHash(byte[] data, int offset, int length) {
    MessageDigest md = DIGEST.get();
    md.reset();
    md.update((byte) 0x00);
    md.update(data, offset, length);
    return Hash.wrap(md.digest());
  }

  public static Hash nodeHash(Hash left, Hash right) {
    MessageDigest md = DIGEST.get();
    md.reset();
    md.update((byte) 0x01);
    md.update(left.bytesUnsafe());
    md.update(right.bytesUnsafe());
    return Hash.wrap(md.digest());
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
