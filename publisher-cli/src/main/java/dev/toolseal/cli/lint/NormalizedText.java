package dev.toolseal.cli.lint;

import dev.toolseal.verifier.manifest.VisibleText;
import java.util.Arrays;

/**
 * Text as a model would read it, for phrase matching: invisible characters dropped (so
 * {@code ig<U+200B>nore} still reads {@code ignore}), every whitespace run one space, lower case.
 * Remembers where each character came from, so a match points back into the original text.
 */
final class NormalizedText {
  private final String text;
  private final int[] origin;

  private NormalizedText(String text, int[] origin) {
    this.text = text;
    this.origin = origin;
  }

  static NormalizedText of(String original) {
    StringBuilder out = new StringBuilder(original.length());
    int[] origin = new int[original.length() + 1];
    boolean lastSpace = true;
    for (int i = 0; i < original.length(); ) {
      int cp = original.codePointAt(i);
      int len = Character.charCount(cp);
      if (WhitespaceRunRule.isBlank(cp)) {
        if (!lastSpace) {
          origin[out.length()] = i;
          out.append(' ');
          lastSpace = true;
        }
      } else if (!VisibleText.isInvisible(cp)) {
        int lower = Character.toLowerCase(cp);
        for (int k = 0; k < Character.charCount(lower); k++) {
          origin[out.length() + k] = i;
        }
        out.appendCodePoint(lower);
        lastSpace = false;
      }
      i += len;
    }
    origin[out.length()] = original.length();
    return new NormalizedText(out.toString(), Arrays.copyOf(origin, out.length() + 1));
  }

  /** The normalized text. */
  String text() {
    return text;
  }

  /** The index in the original text of normalized index {@code i} (or the end). */
  int originalIndex(int i) {
    return origin[i];
  }

  /** The original end index of a normalized match ending at {@code end} (exclusive). */
  int originalEnd(int end) {
    if (end == 0) {
      return 0;
    }
    return origin[end - 1] + 1;
  }
}
