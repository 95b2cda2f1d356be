package dev.toolseal.verifier.attest;

/** An in-toto Statement could not be accepted (shape, size, type, subject). */
public final class StatementFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public StatementFormatException(String message) {
    super(message);
  }
}
