package dev.toolseal.tlog.checkpoint;

/** A checkpoint body is not in the strict C2SP tlog-checkpoint form. */
public final class CheckpointFormatException extends CheckpointException {
  private static final long serialVersionUID = 1L;
  private final int line;

  public CheckpointFormatException(String reason, int line) {
    super(reason + (line > 0 ? " (line " + line + ")" : ""));
    this.line = line;
  }

  /** One-based line number of the problem, or 0 if it concerns the whole body. */
  public int line() {
    return line;
  }
}
