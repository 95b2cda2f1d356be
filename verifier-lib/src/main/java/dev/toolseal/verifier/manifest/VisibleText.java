package dev.toolseal.verifier.manifest;

/**
 * Makes text safe to show a person deciding whether to trust a tool: every code point that does
 * not print as a visible glyph of its own (controls, format characters such as U+200E and the tag
 * characters U+E0000..U+E007F, variation selectors, non-ASCII spaces, line separators, private
 * use, unassigned and unpaired surrogates) is written as {@code <U+XXXX>}. A literal {@code <U+}
 * in the input is shown as {@code <U+003C>U+} so it cannot pose as one.
 */
public final class VisibleText {
  private VisibleText() {}

  /** {@code text} with every invisible code point spelled out. */
  public static String of(String text) {
    StringBuilder out = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (isInvisible(cp) || (cp == '<' && text.startsWith("<U+", i))) {
        out.append(String.format("<U+%04X>", cp));
      } else {
        out.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    return out.toString();
  }

  /** Whether {@code cp} would not show up as a visible glyph of its own. */
  public static boolean isInvisible(int cp) {
    if (cp == ' ') {
      return false;
    }
    switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.PRIVATE_USE, Character.SURROGATE,
          Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR -> {
        return true;
      }
      default -> {
        // fall through to the named invisible characters below
      }
    }
    return (cp >= 0xFE00 && cp <= 0xFE0F) // variation selectors
        || (cp >= 0xE0100 && cp <= 0xE01EF) // variation selectors supplement
        || (cp >= 0xE0000 && cp <= 0xE007F) // tags (also FORMAT; listed for clarity)
        || cp == 0x034F // combining grapheme joiner
        || cp == 0x115F || cp == 0x1160 || cp == 0x3164 || cp == 0xFFA0 // Hangul fillers
        || cp == 0x2800 // braille blank
        || cp == 0x180E; // Mongolian vowel separator
  }
}
