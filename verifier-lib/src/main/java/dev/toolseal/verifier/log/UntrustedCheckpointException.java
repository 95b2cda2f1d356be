package dev.toolseal.verifier.log;

import dev.toolseal.verifier.VerificationException;

/**
 * A checkpoint note could not be accepted: no trusted key for its origin, a bad or missing log
 * signature, a missing witness quorum, or a body that is not a checkpoint. The cause, when
 * present, is the tlog-core exception that says which.
 */
public final class UntrustedCheckpointException extends VerificationException {
  private static final long serialVersionUID = 1L;
  private final String origin;
  private final byte[] note;

  public UntrustedCheckpointException(String origin, byte[] note, String message,
      Throwable cause) {
    super(message + " (origin " + origin + ")", cause);
    this.origin = origin;
    this.note = note.clone();
  }

  /** The first line of the note as presented (not authenticated). */
  public String origin() {
    return origin;
  }

  /** A copy of the refused note. */
  public byte[] note() {
    return note.clone();
  }
}
