package dev.toolseal.tlog.witness;

/** An add-checkpoint request body is not exactly the form C2SP tlog-witness defines. */
public final class RequestFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public RequestFormatException(String reason) {
    super(reason, null, false, false);
  }
}
