package dev.toolseal.verifier;

/**
 * Base of the checked failures that reject a server as a whole: a forged or untrusted signature,
 * a revoked key, a missing or failed review, an inclusion proof that does not verify, a log fork.
 * Each subclass carries its evidence in typed fields; the message is for people and never parsed.
 */
public abstract class VerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  protected VerificationException(String message) {
    super(message);
  }

  protected VerificationException(String message, Throwable cause) {
    super(message, cause);
  }
}
