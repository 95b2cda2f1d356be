package dev.toolseal.verifier.manifest;

import java.util.Objects;

/**
 * A tool manifest, or one of the raw MCP results it is built from, was rejected. The single
 * checked exception of this package: every parse, limit and consistency failure ends here, with a
 * {@link Reason}, the input it came from and the RFC 6901 pointer of the offending value (empty
 * when the whole input is at fault).
 */
public class ManifestException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the input was rejected. */
  public enum Reason {
    /** Not UTF-8, not JSON, or trailing content after the value. */
    MALFORMED_JSON,
    /** An object has the same member name twice. */
    DUPLICATE_KEY,
    /** Nesting deeper than the limit. */
    TOO_DEEP,
    /** The input is larger than the limit. */
    TOO_LARGE,
    /** A string, member name or number literal is longer than the limit. */
    TOO_LONG,
    /** More entries than the limit. */
    TOO_MANY_ENTRIES,
    /** A string contains an unpaired UTF-16 surrogate, which JCS would turn into '?'. */
    LONE_SURROGATE,
    /** A number that an IEEE 754 double, and so JCS, cannot hold exactly enough. */
    UNSAFE_NUMBER,
    /** A value has the wrong JSON type (for example an entry that is not an object). */
    WRONG_TYPE,
    /** A required member is absent. */
    MISSING_FIELD,
    /** A member this format does not define. */
    UNKNOWN_FIELD,
    /** The document names a manifest version this code does not read. */
    UNSUPPORTED_VERSION,
    /** Two entries of one kind share a name (see {@link DuplicateEntryException}). */
    DUPLICATE_ENTRY,
    /** A tool's schema has a {@code $ref} that leaves it (see {@link SchemaRefs}). */
    SCHEMA_REF_LEAVES,
    /**
     * The results of one recording break a rule of the MCP protocol (a list or discover result
     * that is not {@code complete}, two server identities in one recording).
     */
    PROTOCOL
  }

  private final Reason reason;
  private final String source;
  private final String pointer;

  /**
   * @param reason why
   * @param source which input, for example {@code "tools/list page 2"} or {@code "manifest"}
   * @param pointer RFC 6901 pointer into that input, {@code ""} for the whole input
   * @param detail a human explanation
   */
  public ManifestException(Reason reason, String source, String pointer, String detail) {
    this(reason, source, pointer, detail, null);
  }

  /** As {@link #ManifestException(Reason, String, String, String)}, with a cause. */
  public ManifestException(
      Reason reason, String source, String pointer, String detail, Throwable cause) {
    // input text can reach the message (pointers, Jackson's token excerpts): show it safely
    super(VisibleText.of(source + " at '" + pointer + "': " + reason + ": " + detail), cause);
    this.reason = Objects.requireNonNull(reason, "reason");
    this.source = Objects.requireNonNull(source, "source");
    this.pointer = Objects.requireNonNull(pointer, "pointer");
  }

  public Reason reason() {
    return reason;
  }

  public String source() {
    return source;
  }

  public String pointer() {
    return pointer;
  }
}
