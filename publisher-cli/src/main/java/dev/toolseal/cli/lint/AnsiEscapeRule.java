package dev.toolseal.cli.lint;

/**
 * {@code ansi-escape}, high: ESC (U+001B) or the C1 control sequence introducer (U+009B). In a
 * terminal, {@code ESC [ ... m} recolours or hides text and other sequences move the cursor or
 * rewrite what was shown, so a person approving a tool in a terminal sees something else.
 */
final class AnsiEscapeRule extends CodePointRule {
  @Override
  public String id() {
    return "ansi-escape";
  }

  @Override
  boolean flags(String text, int i, int cp) {
    return cp == 0x1B || cp == 0x9B;
  }

  @Override
  Severity severity(TextSite site) {
    return Severity.HIGH;
  }

  @Override
  String what() {
    return "terminal escape character(s)";
  }
}
