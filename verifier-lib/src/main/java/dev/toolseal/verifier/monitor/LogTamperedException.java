package dev.toolseal.verifier.monitor;

import dev.toolseal.verifier.VerificationException;

/**
 * The registry served a log entry that the signed checkpoint does not commit to at that index
 * (its inclusion proof, computed from the served tiles, does not lead to the signed root).
 */
public final class LogTamperedException extends VerificationException {
  private static final long serialVersionUID = 1L;
  private final long index;

  public LogTamperedException(long index, String message, Throwable cause) {
    super(message, cause);
    this.index = index;
  }

  /** The index of the entry that failed. */
  public long index() {
    return index;
  }
}
