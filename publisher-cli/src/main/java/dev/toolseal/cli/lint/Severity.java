package dev.toolseal.cli.lint;

import dev.toolseal.verifier.attest.Finding;
import java.util.Locale;

/** How much a lint finding matters. Any {@link #HIGH} finding fails {@code toolseal lint}. */
public enum Severity {
  /** Worth a look; common in honest servers too. */
  LOW,
  /** Unusual for an honest server; a reviewer should read the text. */
  MEDIUM,
  /** Hides text from people or steers the model; a reviewer should not pass it as is. */
  HIGH;

  /** The lower-case name used in JSON output. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The matching severity of a review {@link Finding}. */
  public Finding.Severity toFindingSeverity() {
    return switch (this) {
      case LOW -> Finding.Severity.LOW;
      case MEDIUM -> Finding.Severity.MEDIUM;
      case HIGH -> Finding.Severity.HIGH;
    };
  }
}
