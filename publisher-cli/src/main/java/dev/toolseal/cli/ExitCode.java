package dev.toolseal.cli;

/**
 * The exit codes of every {@code toolseal} command (STYLE.md rule 8). The {@code LIST_*}
 * constants are the lines of the "Exit codes" section of {@code --help}.
 */
public final class ExitCode {
  /** Done; for lint no high finding, for diff no difference. */
  public static final int OK = 0;
  /** A bug: an unexpected exception. */
  public static final int INTERNAL = 1;
  /** Bad command line: unknown command or option, missing or malformed argument. */
  public static final int USAGE = 2;
  /**
   * Refused: a signature did not verify, lint found a high finding, diff found a difference, or
   * an input document (manifest, envelope, key) failed its strict parser.
   */
  public static final int REJECTED = 3;
  /** A file could not be read or written (or, later, the network failed). */
  public static final int IO = 4;

  static final String LIST_HEADING = "%nExit codes:%n";
  static final String LIST_OK = "0:ok (lint: no high finding; diff: identical)";
  static final String LIST_INTERNAL = "1:internal error";
  static final String LIST_USAGE = "2:usage error";
  static final String LIST_REJECTED =
      "3:verification failed, high lint finding, manifests differ, or input document rejected";
  static final String LIST_IO = "4:file or network error";

  private ExitCode() {}
}
