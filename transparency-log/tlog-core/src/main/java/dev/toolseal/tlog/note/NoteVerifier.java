package dev.toolseal.tlog.note;

import java.util.Arrays;

/**
 * An Ed25519 note verifier key (signature type 0x01): a name and a 32-byte RFC 8032 public key.
 * Its string form is {@code name+hexid+base64(0x01||publickey)}, for example
 * {@code PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW}.
 */
public final class NoteVerifier implements Verifier {
  /** Signature type byte of Ed25519 note signatures. */
  public static final byte TYPE = 0x01;

  private final String name;
  private final byte[] publicKey;
  private final int keyId;

  private NoteVerifier(String name, byte[] publicKey) {
    this.name = name;
    this.publicKey = publicKey;
    this.keyId = KeyNames.keyId(name, TYPE, publicKey);
  }

  /**
   * A verifier for {@code name} and a raw 32-byte Ed25519 public key.
   *
   * @throws KeyFormatException if the name is invalid or the key is not a canonical encoding
   */
  public static NoteVerifier of(String name, byte[] publicKey) throws KeyFormatException {
    if (!KeyNames.isValid(name)) {
      throw new KeyFormatException("invalid key name");
    }
    if (publicKey.length != Ed25519.KEY_SIZE || Ed25519.decodePublicKey(publicKey) == null) {
      throw new KeyFormatException("not a canonical 32-byte Ed25519 public key");
    }
    return new NoteVerifier(name, publicKey.clone());
  }

  /**
   * Parses a verifier key string of type 0x01.
   *
   * @throws KeyFormatException if malformed, of another type, or the ID does not match the key
   */
  public static NoteVerifier parse(String verifierKey) throws KeyFormatException {
    KeyString k = KeyString.parseVerifier(verifierKey);
    if (k.type() != TYPE) {
      throw new KeyFormatException("not an Ed25519 note key (type 0x01)");
    }
    return fromKeyString(k);
  }

  static NoteVerifier fromKeyString(KeyString k) throws KeyFormatException {
    NoteVerifier v = of(k.name(), k.key());
    if (v.keyId != k.keyId()) {
      throw new KeyFormatException("key ID does not match the name and key");
    }
    return v;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int keyId() {
    return keyId;
  }

  /** A copy of the raw 32-byte public key. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  @Override
  public void verify(byte[] text, byte[] signature) throws InvalidSignatureException {
    if (!Ed25519.verify(publicKey, text, signature)) {
      throw new InvalidSignatureException(name, keyId);
    }
  }

  @Override
  public String verifierKey() {
    return KeyString.format(name, keyId, TYPE, publicKey);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteVerifier v && name.equals(v.name) && Arrays.equals(publicKey, v.publicKey);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + Arrays.hashCode(publicKey);
  }

  @Override
  public String toString() {
    return verifierKey();
  }
}
