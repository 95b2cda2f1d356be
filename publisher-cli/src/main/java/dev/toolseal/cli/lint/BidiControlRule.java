package dev.toolseal.cli.lint;

/**
 * {@code bidi-control}, high: bidirectional formatting characters (U+061C, U+200E, U+200F,
 * U+202A..U+202E, U+2066..U+2069), which make text display in another order than a model reads
 * it ("Trojan Source", CVE-2021-42574).
 */
final class BidiControlRule extends CodePointRule {
  @Override
  public String id() {
    return "bidi-control";
  }

  static boolean isBidi(int cp) {
    return cp == 0x061C || cp == 0x200E || cp == 0x200F || (cp >= 0x202A && cp <= 0x202E)
        || (cp >= 0x2066 && cp <= 0x2069);
  }

  @Override
  boolean flags(String text, int i, int cp) {
    return isBidi(cp);
  }

  @Override
  Severity severity(TextSite site) {
    return Severity.HIGH;
  }

  @Override
  String what() {
    return "bidirectional control character(s)";
  }
}
