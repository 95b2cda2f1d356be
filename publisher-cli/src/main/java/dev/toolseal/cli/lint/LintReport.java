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

  /** Review finding paths and messages are at most this long (the VSA finding bound is 4096). */
  static final int MAX_FINDING_CHARS = 4000;
  private static final int MAX_NAME_CHARS = 200;

  private static Finding toReviewFinding(LintFinding f) {
    StringBuilder m = new StringBuilder();
    // evidence, message and decoded text are already visible; names and pointers are not
    m.append('[').append(f.rule()).append("] ")
        .append(clip(VisibleText.of(f.entry().toString()), MAX_NAME_CHARS)).append(' ')
        .append(f.pointer().isEmpty() ? "(whole value)"
            : clip(VisibleText.of(f.pointer()), MAX_NAME_CHARS))
        .append(f.form() == TextSite.Form.MEMBER_NAME ? " (member name)" : "").append(": ")
        .append(f.message()).append("; text: ").append(f.evidence());
    f.decoded().ifPresent(d -> m.append("; decoded: ").append(clip(d, Excerpt.MAX_EVIDENCE)));
    return new Finding(f.severity().toFindingSeverity(), reviewPath(f.documentPointer()),
        clip(m.toString(), MAX_FINDING_CHARS));
  }

  private static String clip(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max) + "...";
  }

  /**
   * A review finding's path may not hold control characters nor pass {@link
   * #MAX_FINDING_CHARS}: such a pointer is cut back to the nearest enclosing value that
   * qualifies (the message still names the exact place).
   */
  static String reviewPath(String pointer) {
    int bad = 0;
    while (bad < pointer.length() && bad < MAX_FINDING_CHARS
        && !Character.isISOControl(pointer.charAt(bad))) {
      bad++;
    }
    return bad == pointer.length() ? pointer : pointer.substring(0, pointer.lastIndexOf('/', bad));
  }
}
