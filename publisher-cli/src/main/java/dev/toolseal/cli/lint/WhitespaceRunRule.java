package dev.toolseal.cli.lint;

import java.util.List;
import java.util.Optional;

/**
 * {@code whitespace-run}, medium: at least {@value #MIN_RUN} whitespace characters in a row
 * (spaces, tabs, newlines, Unicode spaces) followed by more text. Client UIs show the first line
 * or the first few hundred characters of a description; padding pushes the rest off-screen,
 * where only the model reads it. Trailing whitespace with nothing after it is not flagged.
 */
final class WhitespaceRunRule implements LintRule {
  /** The shortest run that is flagged. */
  static final int MIN_RUN = 20;

  @Override
  public String id() {
    return "whitespace-run";
  }

  /** Whitespace for this rule: Java whitespace, no-break and other Unicode spaces. */
  static boolean isBlank(int cp) {
    return Character.isWhitespace(cp) || Character.isSpaceChar(cp);
  }

  @Override
  public void check(TextSite site, LintContext context, List<LintFinding> out) {
    String text = site.text();
    int i = 0;
    while (i < text.length()) {
      if (!isBlank(text.charAt(i))) {
        i++;
        continue;
      }
      int start = i;
      while (i < text.length() && isBlank(text.charAt(i))) {
        i++;
      }
      if (i - start >= MIN_RUN && i < text.length()) {
        out.add(LintFinding.at(site, id(), Severity.MEDIUM,
            (i - start) + " whitespace characters in a row before more text",
            Excerpt.aroundRun(text, start, i), Optional.empty()));
        return;
      }
    }
  }
}
