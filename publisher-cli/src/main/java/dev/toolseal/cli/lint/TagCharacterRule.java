package dev.toolseal.cli.lint;

import java.util.Optional;

/**
 * {@code tag-characters}, high: Unicode tag characters (U+E0000..U+E007F). They display as
 * nothing, yet U+E0020..U+E007E each carry one ASCII character that models read ("ASCII
 * smuggling"); the finding's {@code decoded} is that hidden ASCII text.
 */
final class TagCharacterRule extends CodePointRule {
  @Override
  public String id() {
    return "tag-characters";
  }

  static boolean isTag(int cp) {
    return cp >= 0xE0000 && cp <= 0xE007F;
  }

  @Override
  boolean flags(String text, int i, int cp) {
    return isTag(cp);
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
      if (cp >= 0xE0020 && cp <= 0xE007E) {
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
