package dev.toolseal.cli.lint;

import dev.toolseal.verifier.manifest.EntryKey;
import java.util.Objects;
import java.util.Optional;

/**
 * One thing the linter found in one text of a manifest.
 *
 * @param rule the rule id, e.g. {@code bidi-control}
 * @param severity how much it matters
 * @param entry the manifest part, e.g. {@code tool:add}
 * @param pointer RFC 6901 pointer into that part
 * @param documentPointer RFC 6901 pointer into the stored manifest document
 * @param form whether a string value or a member name holds the text
 * @param message what was found, in words
 * @param evidence the text around the finding, every hidden character spelled out
 * @param decoded for hidden payloads (tag characters, variation selectors), what they spell
 */
public record LintFinding(
    String rule,
    Severity severity,
    EntryKey entry,
    String pointer,
    String documentPointer,
    TextSite.Form form,
    String message,
    String evidence,
    Optional<String> decoded) {
  public LintFinding {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(entry, "entry");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(documentPointer, "documentPointer");
    Objects.requireNonNull(form, "form");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(evidence, "evidence");
    Objects.requireNonNull(decoded, "decoded");
  }

  /** A finding at {@code site}. */
  static LintFinding at(TextSite site, String rule, Severity severity, String message,
      String evidence, Optional<String> decoded) {
    return new LintFinding(rule, severity, site.entry(), site.pointer(), site.documentPointer(),
        site.form(), message, evidence, decoded);
  }
}
