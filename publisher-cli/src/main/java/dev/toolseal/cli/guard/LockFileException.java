package dev.toolseal.cli.guard;

/** A guard lock file cannot be read or does not hold what it must; nothing in it is trusted. */
public final class LockFileException extends Exception {
  private static final long serialVersionUID = 1L;

  LockFileException(String message) {
    super(message);
  }

  LockFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
