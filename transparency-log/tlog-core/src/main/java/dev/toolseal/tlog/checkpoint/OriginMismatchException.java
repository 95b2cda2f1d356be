package dev.toolseal.tlog.checkpoint;

/** A checkpoint signed by the log key names another log as its origin. */
public final class OriginMismatchException extends CheckpointException {
  private static final long serialVersionUID = 1L;
  private final String expected;
  private final String actual;

  public OriginMismatchException(String expected, String actual) {
    super("checkpoint origin is not the log key's name " + expected);
    this.expected = expected;
    this.actual = actual;
  }

  /** The log key's name, which the origin must equal. */
  public String expected() {
    return expected;
  }

  /** The origin line of the checkpoint. */
  public String actual() {
    return actual;
  }
}
