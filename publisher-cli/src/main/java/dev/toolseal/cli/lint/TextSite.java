package dev.toolseal.cli.lint;

import dev.toolseal.verifier.manifest.EntryKey;
import java.util.Objects;

/**
 * One piece of text in a manifest: a string value or an object member name, with where it is.
 *
 * @param entry the manifest part it belongs to, e.g. {@code tool:add}
 * @param pointer RFC 6901 pointer into that part; for a member name, the pointer of its value
 * @param documentPointer RFC 6901 pointer into the stored manifest document
 * @param form whether the text is a string value or a member name
 * @param role what the text names or describes, for rules that only apply to some texts
 * @param text the text exactly as in the manifest
 */
public record TextSite(
    EntryKey entry, String pointer, String documentPointer, Form form, Role role, String text) {
  /** A string value or an object member name. */
  public enum Form {
    VALUE,
    MEMBER_NAME
  }

  /** What the text is, as far as the rules care. */
  public enum Role {
    /** A name a client shows or a model calls: an entry's name, uri or any member name. */
    IDENTIFIER,
    /** The name of a tool input parameter or a prompt argument. */
    PARAMETER_NAME,
    /** Any other text inside a parameter's schema or a prompt argument (its description, ...). */
    PARAMETER_TEXT,
    /** Everything else: descriptions, titles, instructions, schema values. */
    TEXT
  }

  public TextSite {
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(documentPointer, "documentPointer");
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(text, "text");
  }

  /** Whether the text names or describes a parameter. */
  public boolean aboutParameter() {
    return role == Role.PARAMETER_NAME || role == Role.PARAMETER_TEXT;
  }

  /** Whether the text is a name rather than prose. */
  public boolean isName() {
    return role == Role.IDENTIFIER || role == Role.PARAMETER_NAME;
  }
}
