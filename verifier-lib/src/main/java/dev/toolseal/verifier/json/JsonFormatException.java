package dev.toolseal.verifier.json;

import java.util.Objects;

/**
 * A JSON input was refused by {@link StrictJson}: not strict JSON, over a limit, or holding a
 * value RFC 8785 canonicalization would change. Each package maps it to its own checked exception
 * at its boundary.
 */
public final class JsonFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the input was refused. */
  public enum Reason {
    /** Not UTF-8, not RFC 8259 JSON, empty, or trailing content after the value. */
    MALFORMED_JSON,
    /** An object has the same member name twice. */
    DUPLICATE_KEY,
    /** Nesting deeper than the limit. */
    TOO_DEEP,
    /** The input is larger than the limit. */
    TOO_LARGE,
    /** A string, member name or number literal is longer than the limit. */
    TOO_LONG,
    /** A string or member name holds an unpaired UTF-16 surrogate (JCS would write '?'). */
    LONE_SURROGATE,
    /** A number JCS would change: overflow, underflow to zero, or an inexact integer. */
    UNSAFE_NUMBER
  }

  private final Reason reason;
  private final String pointer;
  private final String detail;

  /**
   * @param reason why
   * @param pointer RFC 6901 pointer of the offending value, {@code ""} for the whole input
   * @param detail a human explanation (may quote input; callers make it visible safely)
   * @param cause the parser's exception, or null
   */
  public JsonFormatException(Reason reason, String pointer, String detail, Throwable cause) {
    super(reason + " at '" + pointer + "': " + detail, cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.pointer = Objects.requireNonNull(pointer, "pointer");
    this.detail = Objects.requireNonNull(detail, "detail");
  }

  public Reason reason() {
    return reason;
  }

  public String pointer() {
    return pointer;
  }

  /** The explanation without the reason and pointer prefix. */
  public String detail() {
    return detail;
  }
}
