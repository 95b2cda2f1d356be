package dev.toolseal.cli.lint;

import dev.toolseal.verifier.manifest.VisibleText;

/**
 * The evidence text of a finding: a bounded window of the original text around the finding,
 * with every hidden character spelled out by {@link VisibleText} and long whitespace runs
 * shortened to {@code [N whitespace]} so the hidden tail shows on one line.
 */
final class Excerpt {
  static final int BEFORE = 40;
  static final int MAX_SPAN = 200;
  static final int AFTER = 60;
  /** Upper bound on the evidence text, after hidden characters are spelled out. */
  static final int MAX_EVIDENCE = 600;

  private Excerpt() {}

  /** The window around {@code [start, end)} of {@code text}; a long span is cut. */
  static String around(String text, int start, int end) {
    return window(text, start, Math.min(end, start + MAX_SPAN));
  }

  /** The window around a whitespace run {@code [start, end)}, which is shown shortened. */
  static String aroundRun(String text, int start, int end) {
    return window(text, start, end);
  }

  private static String window(String text, int start, int end) {
    int from = Math.max(0, start - BEFORE);
    int to = Math.min(text.length(), end + AFTER);
    from = safeCut(text, from);
    to = safeCut(text, to);
    String body = VisibleText.of(shortenWhitespace(text.substring(from, to)));
    boolean cut = to < text.length();
    if (body.length() > MAX_EVIDENCE) {
      body = body.substring(0, MAX_EVIDENCE);
      cut = true;
    }
    return (from > 0 ? "..." : "") + body + (cut ? "..." : "");
  }

  /** Moves a cut point off the middle of a surrogate pair. */
  private static int safeCut(String text, int i) {
    if (i > 0 && i < text.length() && Character.isLowSurrogate(text.charAt(i))
        && Character.isHighSurrogate(text.charAt(i - 1))) {
      return i - 1;
    }
    return i;
  }

  /** Replaces each run of at least {@link WhitespaceRunRule#MIN_RUN} whitespace characters. */
  static String shortenWhitespace(String s) {
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      int j = i;
      while (j < s.length() && WhitespaceRunRule.isBlank(s.charAt(j))) {
        j++;
      }
      if (j - i >= WhitespaceRunRule.MIN_RUN) {
        out.append('[').append(j - i).append(" whitespace]");
        i = j;
      } else if (j > i) {
        out.append(s, i, j);
        i = j;
      } else {
        out.append(s.charAt(i++));
      }
    }
    return out.toString();
  }
}
