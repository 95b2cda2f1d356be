package dev.toolseal.cli.lint;

/**
 * {@code replacement-character}, medium: U+FFFD. A decoder puts it where the server sent bytes
 * that are not UTF-8 (the MCP SDK's stdio transport does so silently), so the recorded text is
 * not what the server's author wrote and differently-decoding clients may read something else.
 */
final class ReplacementCharacterRule extends CodePointRule {
  @Override
  public String id() {
    return "replacement-character";
  }

  @Override
  boolean flags(String text, int i, int cp) {
    return cp == 0xFFFD;
  }

  @Override
  Severity severity(TextSite site) {
    return Severity.MEDIUM;
  }

  @Override
  String what() {
    return "replacement character(s): invalid UTF-8 from the server or mangled text";
  }
}
