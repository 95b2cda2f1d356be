package dev.toolseal.verifier.keys;

/** A signature did not verify under a key. Carries the key id; never key material. */
public final class SignatureVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  private final KeyId keyId;

  public SignatureVerificationException(KeyId keyId, String message) {
    super(message + " (key " + keyId.hex() + ")");
    this.keyId = keyId;
  }

  public SignatureVerificationException(KeyId keyId, String message, Throwable cause) {
    super(message + " (key " + keyId.hex() + ")", cause);
    this.keyId = keyId;
  }

  /** The key the signature was checked against. */
  public KeyId keyId() {
    return keyId;
  }
}
