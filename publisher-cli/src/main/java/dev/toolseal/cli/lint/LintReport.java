package dev.toolseal.cli.lint;

import dev.toolseal.verifier.attest.Finding;
import dev.toolseal.verifier.manifest.VisibleText;
import java.util.List;

/**
 * All findings of one lint run, in manifest part order.
 *
 * @param findings the findings (copied)
 */
public record LintReport(List<LintFinding> findings) {
  public LintReport {
    findings = List.copyOf(findings);
  }

  /** How many findings have {@code severity}. */
  public long count(Severity severity) {
    return findings.stream().filter(f -> f.severity() == severity).count();
  }

  /** Whether any finding is {@link Severity#HIGH}: {@code toolseal lint} then exits 3. */
  public boolean hasHigh() {
    return count(Severity.HIGH) > 0;
  }

  /**
   * The findings as review findings: path = the pointer into the stored manifest document,
   * message = rule, entry, what was found and the evidence, at most {@code max} of them.
   */
  public List<Finding> toReviewFindings(int max) {
    return findings.stream().limit(max).map(LintReport::toReviewFinding).toList();
  }

  private static Finding toReviewFinding(LintFinding f) {
    StringBuilder m = new StringBuilder();
    // evidence, message and decoded text are already visible; names and pointers are not
    m.append('[').append(f.rule()).append("] ").append(VisibleText.of(f.entry().toString()))
        .append(' ').append(f.pointer().isEmpty() ? "(whole value)" : VisibleText.of(f.pointer()))
        .append(f.form() == TextSite.Form.MEMBER_NAME ? " (member name)" : "").append(": ")
        .append(f.message()).append("; text: ").append(f.evidence());
    f.decoded().ifPresent(d -> m.append("; decoded: ").append(d));
    String message = m.toString();
    if (message.length() > 4000) {
      message = message.substring(0, 4000) + "...";
    }
    return new Finding(f.severity().toFindingSeverity(), printablePointer(f.documentPointer()),
        message);
  }

  /**
   * A review finding's path may not hold control characters: a pointer through a member name
   * that has one is cut back to the nearest enclosing value (the message still names it).
   */
  static String printablePointer(String pointer) {
    int bad = 0;
    while (bad < pointer.length() && !Character.isISOControl(pointer.charAt(bad))) {
      bad++;
    }
    return bad == pointer.length() ? pointer : pointer.substring(0, pointer.lastIndexOf('/', bad));
  }
}
