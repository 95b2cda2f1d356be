package dev.toolseal.tlog.note;

/**
 * A private key that produces note signature lines: Ed25519 note signatures ({@link NoteSigner})
 * or witness cosignatures ({@link CosignatureSigner}).
 */
public sealed interface Signer permits NoteSigner, CosignatureSigner {
  /** The key name written in the signature line. */
  String name();

  /** The key ID written (big-endian) before the signature. */
  int keyId();

  /** Signs the note text (which ends in a newline); returns the bytes after the key ID. */
  byte[] sign(byte[] text);

  /** The matching public verifier. */
  Verifier verifier();
}
