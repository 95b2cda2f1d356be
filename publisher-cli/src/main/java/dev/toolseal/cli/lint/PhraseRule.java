package dev.toolseal.cli.lint;

import dev.toolseal.verifier.manifest.VisibleText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A rule made of phrase patterns matched against a text as a model reads it ({@link
 * NormalizedText}: hidden characters dropped, whitespace collapsed, lower case). Names are first
 * split into words ({@code conversation_history} and {@code conversationHistory} both read
 * {@code conversation history}). Each pattern reports its first match in a text.
 */
abstract class PhraseRule implements LintRule {
  /**
   * One pattern.
   *
   * @param pattern a regular expression over normalized, lower-case text (phrases are listed
   *     high first: a match overlapping an earlier reported one is not reported again)
   * @param severity the severity of a match
   * @param message what a match means
   * @param parametersOnly whether it applies only to parameter names and parameter texts
   */
  record Phrase(Pattern pattern, Severity severity, String message, boolean parametersOnly) {
    static Phrase of(String regex, Severity severity, String message) {
      return new Phrase(Pattern.compile(regex), severity, message, false);
    }

    static Phrase ofParameter(String regex, Severity severity, String message) {
      return new Phrase(Pattern.compile(regex), severity, message, true);
    }
  }

  abstract List<Phrase> phrases();

  /** Further checks of a rule beyond its phrases. */
  void more(TextSite site, LintContext context, ModelView text, List<LintFinding> out) {}

  @Override
  public final void check(TextSite site, LintContext context, List<LintFinding> out) {
    ModelView text = ModelView.of(site);
    List<int[]> reported = new ArrayList<>();
    for (Phrase p : phrases()) {
      if (p.parametersOnly() && !site.aboutParameter()) {
        continue;
      }
      Matcher m = p.pattern().matcher(text.normalized());
      if (m.find() && reported.stream().noneMatch(r -> m.start() < r[1] && r[0] < m.end())) {
        reported.add(new int[] {m.start(), m.end()});
        out.add(text.finding(id(), p.severity(), p.message(), m.start(), m.end()));
      }
    }
    more(site, context, text, out);
  }

  /** A site's text in matchable form, with the way back to its evidence. */
  record ModelView(TextSite site, String normalized, Optional<NormalizedText> mapping) {
    static ModelView of(TextSite site) {
      if (site.isName()) {
        return new ModelView(site, words(site.text()), Optional.empty());
      }
      NormalizedText n = NormalizedText.of(site.text());
      return new ModelView(site, n.text(), Optional.of(n));
    }

    LintFinding finding(String rule, Severity severity, String message, int start, int end) {
      String evidence = mapping
          .map(n -> Excerpt.around(site.text(), n.originalIndex(start), n.originalEnd(end)))
          .orElseGet(() -> Excerpt.around(site.text(), 0, site.text().length()));
      String matched = VisibleText.of(normalized.substring(start, end));
      return LintFinding.at(site, rule, severity, message + ": \"" + matched + "\"", evidence,
          Optional.empty());
    }
  }

  /** A name as words: separators and camel-case humps become spaces; lower case. */
  static String words(String name) {
    StringBuilder out = new StringBuilder();
    String n = name;
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      if (c == '_' || c == '-' || c == '.' || Character.isWhitespace(c)) {
        out.append(' ');
      } else {
        if (Character.isUpperCase(c) && i > 0 && Character.isLowerCase(n.charAt(i - 1))) {
          out.append(' ');
        }
        out.append(c);
      }
    }
    return NormalizedText.of(out.toString()).text().strip();
  }
}
