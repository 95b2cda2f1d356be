package dev.toolseal.cli.lint;

import java.util.Optional;
import java.util.Set;

/**
 * {@code tag-characters}, high: Unicode tag characters (U+E0000..U+E007F). They display as
 * nothing, yet U+E0020..U+E007E each carry one ASCII character that models read ("ASCII
 * smuggling"); the finding's {@code decoded} is that hidden ASCII text. The one honest use, the
 * three emoji subdivision flags Unicode recommends for general interchange (England, Scotland,
 * Wales: U+1F3F4, tags {@code gbeng}, {@code gbsct} or {@code gbwls}, U+E007F cancel tag), is not
 * flagged; other tag sequences can spell words, so they are.
 */
final class TagCharacterRule extends CodePointRule {
  private static final Set<String> RGI_FLAGS = Set.of("gbeng", "gbsct", "gbwls");

  @Override
  public String id() {
    return "tag-characters";
  }

  static boolean isTag(int cp) {
    return cp >= 0xE0000 && cp <= 0xE007F;
  }

  @Override
  boolean flags(String text, int i, int cp) {
    return isTag(cp) && !inFlag(text, i);
  }

  /** Whether the tag at {@code i} belongs to a well-formed emoji subdivision flag sequence. */
  static boolean inFlag(String text, int i) {
    int start = i;
    while (start > 0 && isFlagTag(text.codePointBefore(start))) {
      start -= 2; // tag characters are supplementary: two UTF-16 units
    }
    if (start < 2 || text.codePointBefore(start) != 0x1F3F4) {
      return false;
    }
    int end = start;
    int letters = 0;
    while (end < text.length() && isFlagTag(text.codePointAt(end))) {
      end += 2;
      letters++;
    }
    if (letters != 5 || end >= text.length() || text.codePointAt(end) != 0xE007F || i > end) {
      return false;
    }
    StringBuilder region = new StringBuilder();
    for (int k = start; k < end; k += 2) {
      region.append((char) (text.codePointAt(k) - 0xE0000));
    }
    return RGI_FLAGS.contains(region.toString());
  }

  private static boolean isFlagTag(int cp) {
    return (cp >= 0xE0030 && cp <= 0xE0039) || (cp >= 0xE0061 && cp <= 0xE007A);
  }

  @Override
  Severity severity(TextSite site) {
    return Severity.HIGH;
  }

  @Override
  String what() {
    return "invisible tag character(s)";
  }

  /** The ASCII the tag characters spell; separate runs are joined with a space. */
  @Override
  Optional<String> decode(String text) {
    StringBuilder out = new StringBuilder();
    boolean inRun = false;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (cp >= 0xE0020 && cp <= 0xE007E && !inFlag(text, i)) {
        if (!inRun && out.length() > 0) {
          out.append(' ');
        }
        out.append((char) (cp - 0xE0000));
        inRun = true;
      } else if (!isTag(cp)) {
        inRun = false;
      }
      i += Character.charCount(cp);
    }
    return out.length() == 0 ? Optional.empty() : Optional.of(out.toString());
  }
}
