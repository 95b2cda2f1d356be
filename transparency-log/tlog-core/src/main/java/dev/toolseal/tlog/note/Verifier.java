package dev.toolseal.tlog.note;

/**
 * A public key that checks note signatures: Ed25519 note signatures ({@link NoteVerifier}, type
 * 0x01) or Ed25519 witness cosignatures ({@link CosignatureVerifier}, type 0x04). Identified in
 * notes by its name and 32-bit key ID.
 */
public sealed interface Verifier permits NoteVerifier, CosignatureVerifier {
  /** The key name, as it appears in signature lines. */
  String name();

  /** The key ID, as it appears (big-endian) at the start of each signature. */
  int keyId();

  /**
   * Checks {@code signature} (the bytes after the key ID) over the note text {@code text}.
   *
   * @throws InvalidSignatureException if it does not verify
   */
  void verify(byte[] text, byte[] signature) throws InvalidSignatureException;

  /** The verifier key string {@code name+hexid+base64(type||publickey)}. */
  String verifierKey();

  /**
   * Parses a verifier key string of either supported type (0x01 note key, 0x04 cosigner key).
   *
   * @throws KeyFormatException if the string is malformed, of another type, or its ID is wrong
   */
  static Verifier parse(String verifierKey) throws KeyFormatException {
    KeyString k = KeyString.parseVerifier(verifierKey);
    if (k.type() == NoteVerifier.TYPE) {
      return NoteVerifier.fromKeyString(k);
    }
    if (k.type() == CosignatureVerifier.TYPE) {
      return CosignatureVerifier.fromKeyString(k);
    }
    throw new KeyFormatException("unsupported key type " + (k.type() & 0xff));
  }
}
