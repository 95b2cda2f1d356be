package dev.toolseal.verifier.log;

/** Bytes are not a log leaf in its one canonical form, or an envelope cannot be recorded. */
public final class LogLeafFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public LogLeafFormatException(String message) {
    super(message);
  }
}
