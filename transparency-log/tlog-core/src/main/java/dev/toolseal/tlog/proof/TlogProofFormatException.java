package dev.toolseal.tlog.proof;

/** A file is not in the strict C2SP tlog-proof@v1 text form. */
public final class TlogProofFormatException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int line;

  public TlogProofFormatException(String reason, int line) {
    super(reason + (line > 0 ? " (line " + line + ")" : ""));
    this.line = line;
  }

  /** One-based line number of the problem, or 0 if it concerns the whole proof. */
  public int line() {
    return line;
  }
}
