package dev.toolseal.cli;

/**
 * A command cannot do what it was asked, for a reason a person can act on. Carries the exit
 * code; {@link Main} prints the message on stderr. Messages never contain key material.
 */
public final class CommandFailure extends Exception {
  private static final long serialVersionUID = 1L;

  private final int exitCode;

  public CommandFailure(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public CommandFailure(int exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  /** One of {@link ExitCode}'s values. */
  public int exitCode() {
    return exitCode;
  }
}
