package dev.toolseal.cli.lint;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A rule that flags code points of one class. All occurrences in one text make one finding that
 * names how many there are and which code points, with evidence around the first.
 */
abstract class CodePointRule implements LintRule {
  /** Whether {@code text} at {@code i} holds a flagged code point ({@code cp}). */
  abstract boolean flags(String text, int i, int cp);

  /** The severity for this text. */
  abstract Severity severity(TextSite site);

  /** What the flagged code points are, in words. */
  abstract String what();

  /** What the flagged code points spell, if they carry a payload. */
  Optional<String> decode(String text) {
    return Optional.empty();
  }

  @Override
  public final void check(TextSite site, LintContext context, List<LintFinding> out) {
    String text = site.text();
    int first = -1;
    int count = 0;
    Set<String> seen = new TreeSet<>();
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (flags(text, i, cp)) {
        if (first < 0) {
          first = i;
        }
        count++;
        if (seen.size() < 8) {
          seen.add(String.format("U+%04X", cp));
        }
      }
      i += Character.charCount(cp);
    }
    if (count == 0) {
      return;
    }
    String message = count + " " + what() + " (" + String.join(", ", seen)
        + (seen.size() == 8 ? ", ..." : "") + ")";
    out.add(LintFinding.at(site, id(), severity(site), message,
        Excerpt.around(text, first, first + 1), decode(text)));
  }
}
