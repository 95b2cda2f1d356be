package dev.toolseal.verifier.attest;

/** A text that is not an MCPv1 ownership record ({@link OwnershipRecord}). */
public final class OwnershipRecordException extends Exception {
  private static final long serialVersionUID = 1L;

  public OwnershipRecordException(String message) {
    super(message);
  }
}
