package dev.toolseal.verifier.keys;

/**
 * A key encoding (PEM, PKCS#8, SPKI, key id text or algorithm name) could not be accepted. The
 * message never contains key material.
 */
public final class KeyFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the encoding was refused. */
  public enum Reason {
    /** Input is larger than the parser's bound. */
    TOO_LARGE,
    /** Not a single well-formed PEM block, bad base64 or bad DER. */
    MALFORMED,
    /** An encrypted private key (PKCS#8 "ENCRYPTED PRIVATE KEY" or a Proc-Type header). */
    ENCRYPTED,
    /** A PEM type other than "PRIVATE KEY" or "PUBLIC KEY" (e.g. "EC PRIVATE KEY"). */
    UNKNOWN_PEM_TYPE,
    /** A private key where a public key was expected, or the reverse. */
    WRONG_KEY_KIND,
    /** A well-formed key of an algorithm or curve ToolSeal does not use. */
    UNSUPPORTED_ALGORITHM,
    /** The key values are out of range or inconsistent with each other. */
    INVALID_KEY
  }

  private final Reason reason;

  public KeyFormatException(Reason reason, String message) {
    super(reason + ": " + message);
    this.reason = reason;
  }

  public KeyFormatException(Reason reason, String message, Throwable cause) {
    super(reason + ": " + message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
