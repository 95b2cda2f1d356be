package dev.toolseal.verifier.attest;

import java.util.Locale;

/**
 * One reviewer finding, a ToolSeal extension of the SLSA VSA:
 * {@code {"severity": "info"|"low"|"medium"|"high"|"critical", "path": json-pointer,
 * "message": str}}.
 *
 * @param severity how bad it is
 * @param path an RFC 6901 JSON Pointer into the manifest ({@code ""} = the whole manifest)
 * @param message a human-readable explanation, 1..4096 characters
 */
public record Finding(Severity severity, String path, String message) {
  /** Finding severities, written in lower case. */
  public enum Severity {
    INFO, LOW, MEDIUM, HIGH, CRITICAL;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }

    static Severity fromWireName(String s) {
      for (Severity v : values()) {
        if (v.wireName().equals(s)) {
          return v;
        }
      }
      throw new IllegalArgumentException("unknown severity");
    }
  }

  public Finding {
    if (severity == null || path == null || path.length() > Predicates.MAX_TEXT_CHARS
        || !(path.isEmpty() || path.startsWith("/"))
        || path.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException("a finding needs a severity and a JSON Pointer path");
    }
    Predicates.checkText(message, Predicates.MAX_TEXT_CHARS, "message");
  }
}
