package dev.toolseal.cli.lint;

/**
 * {@code invisible-characters}: every Unicode format character (general category Cf: zero-width
 * space and joiners, word joiner, BOM, soft hyphen, interlinear annotation marks, ...) that is
 * not a bidi control or a tag character (their own rules), the invisible letters and symbols
 * U+034F, U+115F, U+1160, U+3164, U+FFA0 (Hangul fillers) and U+2800 (braille blank), and every
 * control character other than tab, newline, carriage return, ESC and CSI ({@link
 * AnsiEscapeRule}'s). High in a name (a tool, parameter or member name that looks like another),
 * medium in prose. A zero-width joiner inside an emoji sequence is normal and not flagged.
 */
final class InvisibleCharacterRule extends CodePointRule {
  @Override
  public String id() {
    return "invisible-characters";
  }

  static boolean isInvisible(int cp) {
    int type = Character.getType(cp);
    if (type == Character.FORMAT) {
      return !BidiControlRule.isBidi(cp) && !TagCharacterRule.isTag(cp);
    }
    if (type == Character.CONTROL) {
      return cp != '\t' && cp != '\n' && cp != '\r' && cp != 0x1B && cp != 0x9B;
    }
    return cp == 0x180E || cp == 0x034F || cp == 0x115F || cp == 0x1160 || cp == 0x3164
        || cp == 0xFFA0 || cp == 0x2800;
  }

  @Override
  boolean flags(String text, int i, int cp) {
    if (cp == 0x200D && i > 0 && i + 1 < text.length()
        && isEmojiPart(text.codePointBefore(i)) && isEmojiPart(text.codePointAt(i + 1))) {
      return false;
    }
    return isInvisible(cp);
  }

  /** Pictographs, dingbats and the emoji presentation selector and skin-tone modifiers. */
  private static boolean isEmojiPart(int cp) {
    return (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0x2600 && cp <= 0x27BF) || cp == 0xFE0F
        || cp == 0x2640 || cp == 0x2642 || cp == 0x2695 || cp == 0x2708;
  }

  @Override
  Severity severity(TextSite site) {
    return site.isName() ? Severity.HIGH : Severity.MEDIUM;
  }

  @Override
  String what() {
    return "invisible character(s)";
  }
}
