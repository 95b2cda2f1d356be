package dev.toolseal.cli.lint;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.EntryKind;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every code point of Unicode, one at a time, inside a description and inside a name. */
class CodePointSweepTest {
  private static final Set<String> HIDDEN_RULES =
      Set.of("tag-characters", "bidi-control", "ansi-escape", "invisible-characters");
  private static final LintContext CONTEXT = new LintContext(Set.of());

  private static List<String> hiddenRules(String text, TextSite.Role role) {
    TextSite site = new TextSite(new EntryKey(EntryKind.TOOL, "probe"), "/description",
        "/tools/0/description", TextSite.Form.VALUE, role, text);
    return Linter.check(site, CONTEXT).stream().map(LintFinding::rule)
        .filter(HIDDEN_RULES::contains).toList();
  }

  /** Format and control characters (except tab, newline, CR) are always reported. */
  @Test
  void everyFormatAndControlCharacterIsReported() {
    int checked = 0;
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      int type = Character.getType(cp);
      if ((type != Character.FORMAT && type != Character.CONTROL)
          || cp == '\t' || cp == '\n' || cp == '\r') {
        continue;
      }
      String text = "a" + new String(Character.toChars(cp)) + "b";
      if (hiddenRules(text, TextSite.Role.TEXT).size() != 1) {
        fail(String.format("U+%04X: %s", cp, hiddenRules(text, TextSite.Role.TEXT)));
      }
      checked++;
    }
    assertEquals(true, checked > 200);
  }

  /** Letters, digits, marks, punctuation, symbols and spaces are no hidden-character finding. */
  @Test
  void visibleCharactersAreNotReported() {
    Set<Integer> invisibleLetters = Set.of(0x034F, 0x115F, 0x1160, 0x3164, 0xFFA0, 0x2800);
    for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
      int type = Character.getType(cp);
      if (type == Character.FORMAT || type == Character.CONTROL || type == Character.UNASSIGNED
          || type == Character.SURROGATE || type == Character.PRIVATE_USE
          || invisibleLetters.contains(cp) || cp == 0x180E) {
        continue;
      }
      String text = "a" + new String(Character.toChars(cp)) + "b";
      List<String> found = hiddenRules(text, TextSite.Role.IDENTIFIER);
      if (!found.isEmpty()) {
        fail(String.format("U+%04X: %s", cp, found));
      }
    }
  }
}
