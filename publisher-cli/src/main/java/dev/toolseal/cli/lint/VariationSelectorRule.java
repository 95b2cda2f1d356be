package dev.toolseal.cli.lint;

import dev.toolseal.verifier.manifest.VisibleText;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * {@code variation-selectors}, high: two or more variation selectors in a row (U+FE00..U+FE0F,
 * U+E0100..U+E01EF). One selector after a character picks its glyph (emoji or text style, an
 * ideograph variant); a run of them displays as nothing and can carry bytes, one per selector
 * (U+FE00..U+FE0F are 0..15, U+E0100..U+E01EF are 16..255). {@code decoded} is those bytes read
 * as UTF-8.
 */
final class VariationSelectorRule implements LintRule {
  @Override
  public String id() {
    return "variation-selectors";
  }

  static int byteValue(int cp) {
    if (cp >= 0xFE00 && cp <= 0xFE0F) {
      return cp - 0xFE00;
    }
    if (cp >= 0xE0100 && cp <= 0xE01EF) {
      return cp - 0xE0100 + 16;
    }
    return -1;
  }

  @Override
  public void check(TextSite site, LintContext context, List<LintFinding> out) {
    String text = site.text();
    int first = -1;
    int total = 0;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < text.length(); ) {
      int start = i;
      int run = 0;
      ByteArrayOutputStream runBytes = new ByteArrayOutputStream();
      while (i < text.length() && byteValue(text.codePointAt(i)) >= 0) {
        runBytes.write(byteValue(text.codePointAt(i)));
        run++;
        i += Character.charCount(text.codePointAt(i));
      }
      if (run >= 2) {
        if (first < 0) {
          first = start;
        }
        total += run;
        bytes.writeBytes(runBytes.toByteArray());
      }
      if (run == 0) {
        i += Character.charCount(text.codePointAt(i));
      }
    }
    if (first < 0) {
      return;
    }
    String decoded = VisibleText.of(
        new String(bytes.toByteArray(), StandardCharsets.UTF_8));
    out.add(LintFinding.at(site, id(), Severity.HIGH,
        total + " variation selectors in runs, which can carry hidden bytes",
        Excerpt.around(text, first, first + 2), Optional.of(decoded)));
  }
}
