package dev.toolseal.tlog.note;

import java.util.Arrays;

/**
 * What every Ed25519 verifier key of a note has in common: a valid key name, a signature type
 * byte, a canonical 32-byte public key, and the key ID derived from the three. Immutable; the
 * key bytes never leave it uncopied.
 */
final class NamedKey {
  private final String name;
  private final byte type;
  private final byte[] publicKey;
  private final int keyId;

  private NamedKey(String name, byte type, byte[] publicKey) {
    this.name = name;
    this.type = type;
    this.publicKey = publicKey;
    this.keyId = KeyNames.keyId(name, type, publicKey);
  }

  /**
   * Validates and copies.
   *
   * @throws KeyFormatException if the name is invalid or the key is not a canonical encoding
   */
  static NamedKey of(String name, byte type, byte[] publicKey) throws KeyFormatException {
    if (!KeyNames.isValid(name)) {
      throw new KeyFormatException("invalid key name");
    }
    if (publicKey.length != Ed25519.KEY_SIZE || Ed25519.decodePublicKey(publicKey) == null) {
      throw new KeyFormatException("not a canonical 32-byte Ed25519 public key");
    }
    return new NamedKey(name, type, publicKey.clone());
  }

  /**
   * The key a parsed verifier key string names, which must be of {@code type} and carry the ID
   * its name and key give.
   *
   * @throws KeyFormatException if the type differs or the ID does not match the name and key
   */
  static NamedKey of(KeyString k, byte type) throws KeyFormatException {
    if (k.type() != type) {
      throw new KeyFormatException(
          "key type " + (k.type() & 0xff) + " where type " + (type & 0xff) + " is expected");
    }
    NamedKey key = of(k.name(), type, k.key());
    if (key.keyId != k.keyId()) {
      throw new KeyFormatException("key ID does not match the name and key");
    }
    return key;
  }

  String name() {
    return name;
  }

  int keyId() {
    return keyId;
  }

  /** The key bytes themselves; callers must not modify them. */
  byte[] publicKeyUnsafe() {
    return publicKey;
  }

  byte[] publicKey() {
    return publicKey.clone();
  }

  /** The verifier key string {@code name+hexid+base64(type||publickey)}. */
  String verifierKey() {
    return KeyString.format(name, keyId, type, publicKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NamedKey k && type == k.type && name.equals(k.name)
        && Arrays.equals(publicKey, k.publicKey);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * type + name.hashCode()) + Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return verifierKey();
  }
}
