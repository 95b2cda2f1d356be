package dev.toolseal.tlog.note;

/**
 * An Ed25519 note verifier key (signature type 0x01): a name and a 32-byte RFC 8032 public key.
 * Its string form is {@code name+hexid+base64(0x01||publickey)}, for example
 * {@code PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW}.
 *
 * <p>Signatures are checked with {@link SignatureCheck#JDK} unless another implementation of the
 * same check is given through {@link #withCheck}; equality and the key string depend only on the
 * key, not on which implementation checks it.
 */
public final class NoteVerifier implements Verifier {
  /** Signature type byte of Ed25519 note signatures. */
  public static final byte TYPE = 0x01;

  private final NamedKey key;
  private final SignatureCheck check;

  private NoteVerifier(NamedKey key, SignatureCheck check) {
    this.key = key;
    this.check = check;
  }

  /**
   * A verifier for {@code name} and a raw 32-byte Ed25519 public key.
   *
   * @throws KeyFormatException if the name is invalid or the key is not a canonical encoding
   */
  public static NoteVerifier of(String name, byte[] publicKey) throws KeyFormatException {
    return new NoteVerifier(NamedKey.of(name, TYPE, publicKey), SignatureCheck.JDK);
  }

  /**
   * Parses a verifier key string of type 0x01.
   *
   * @throws KeyFormatException if malformed, of another type, or the ID does not match the key
   */
  public static NoteVerifier parse(String verifierKey) throws KeyFormatException {
    return fromKeyString(KeyString.parseVerifier(verifierKey));
  }

  static NoteVerifier fromKeyString(KeyString k) throws KeyFormatException {
    return new NoteVerifier(NamedKey.of(k, TYPE), SignatureCheck.JDK);
  }

  /** The same key, its signatures checked by {@code check}. */
  public NoteVerifier withCheck(SignatureCheck check) {
    if (check == null) {
      throw new IllegalArgumentException("a signature check is required");
    }
    return new NoteVerifier(key, check);
  }

  @Override
  public String name() {
    return key.name();
  }

  @Override
  public int keyId() {
    return key.keyId();
  }

  /** A copy of the raw 32-byte public key. */
  public byte[] publicKey() {
    return key.publicKey();
  }

  @Override
  public void verify(byte[] text, byte[] signature) throws InvalidSignatureException {
    if (signature.length != Ed25519.SIGNATURE_SIZE
        || !check.verify(key.publicKey(), text, signature)) {
      throw new InvalidSignatureException(key.name(), key.keyId());
    }
  }

  @Override
  public String verifierKey() {
    return key.verifierKey();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteVerifier v && key.equals(v.key);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  @Override
  public String toString() {
    return key.verifierKey();
  }
}
