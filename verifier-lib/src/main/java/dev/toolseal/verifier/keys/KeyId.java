package dev.toolseal.verifier.keys;

import dev.toolseal.tlog.Hash;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A key identifier: SHA-256 of the key's DER SubjectPublicKeyInfo (RFC 5280), written as 64
 * lowercase hex digits. The same value for a key no matter where it is used (DSSE {@code keyid},
 * key events, log leaves).
 *
 * @param hash the SHA-256 of the SPKI DER
 */
public record KeyId(Hash hash) implements Comparable<KeyId> {
  public KeyId {
    if (hash == null) {
      throw new IllegalArgumentException("hash is required");
    }
  }

  /** Computes the key id of a DER SubjectPublicKeyInfo. */
  public static KeyId ofSpki(byte[] spkiDer) {
    return new KeyId(Hash.of(sha256(spkiDer)));
  }

  /** Parses exactly 64 lowercase hex digits. */
  public static KeyId parse(String hex) throws KeyFormatException {
    if (hex == null || hex.length() != 2 * Hash.SIZE) {
      throw new KeyFormatException(KeyFormatException.Reason.MALFORMED,
          "a key id is " + 2 * Hash.SIZE + " lowercase hex digits");
    }
    for (int i = 0; i < hex.length(); i++) {
      char c = hex.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        throw new KeyFormatException(KeyFormatException.Reason.MALFORMED,
            "a key id is lowercase hex");
      }
    }
    return new KeyId(Hash.fromHex(hex));
  }

  /** The 64 lowercase hex digits. */
  public String hex() {
    return hash.hex();
  }

  @Override
  public int compareTo(KeyId o) {
    return hash.compareTo(o.hash);
  }

  @Override
  public String toString() {
    return hex();
  }

  static byte[] sha256(byte[] data) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
