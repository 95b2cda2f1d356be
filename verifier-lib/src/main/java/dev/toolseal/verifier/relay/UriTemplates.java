package dev.toolseal.verifier.relay;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whether a URI is one that an RFC 6570 URI template can produce: how the gate decides that a
 * {@code resources/read} of a URI no listed resource has belongs to an accepted resource
 * template. The match is on the expansion's shape, per expression operator: a simple expression
 * ({@code {city}}) expands to percent-encoded unreserved characters, so it can never produce
 * {@code /}, {@code ?} or {@code #}; {@code {+path}} and {@code {#frag}} may produce reserved
 * characters; {@code {/seg}}, {@code {.ext}}, {@code {;p}}, {@code {?q}} and {@code {&q}} add their
 * own prefix. A template that is not well formed matches nothing. A URI with a dot segment
 * ({@code .} or {@code ..}) never matches, so a match cannot climb out of the template's prefix.
 */
final class UriTemplates {
  /** What one expression of a simple, label, path-segment or parameter kind may expand to. */
  private static final String VALUE = "[^/?#]*";

  private UriTemplates() {}

  /** Whether expanding {@code template} with some values can give {@code uri}. */
  static boolean matches(String template, String uri) {
    if (hasDotSegment(uri)) {
      return false;
    }
    return pattern(template).map(p -> p.matcher(uri).matches()).orElse(false);
  }

  /** The template as an anchored pattern, or empty if it is not a well-formed template. */
  static Optional<Pattern> pattern(String template) {
    StringBuilder regex = new StringBuilder();
    int i = 0;
    while (i < template.length()) {
      int open = template.indexOf('{', i);
      int close = template.indexOf('}', i);
      if (open < 0) {
        if (close >= 0) {
          return Optional.empty();
        }
        regex.append(Pattern.quote(template.substring(i)));
        break;
      }
      if (close < open) {
        return Optional.empty();
      }
      if (open > i) {
        regex.append(Pattern.quote(template.substring(i, open)));
      }
      int end = template.indexOf('}', open);
      String expression = template.substring(open + 1, end);
      if (expression.isEmpty() || expression.indexOf('{') >= 0) {
        return Optional.empty();
      }
      regex.append(expansion(expression.charAt(0)));
      i = end + 1;
    }
    return Optional.of(Pattern.compile(regex.toString(), Pattern.DOTALL));
  }

  private static String expansion(char operator) {
    return switch (operator) {
      case '+' -> "[^#]*";
      case '#' -> "(?:#.*)?";
      case '/' -> "(?:/" + VALUE + ")*";
      case '.' -> "(?:\\." + VALUE + ")*";
      case ';' -> "(?:;" + VALUE + ")*";
      case '?' -> "(?:\\?[^#]*)?";
      case '&' -> "(?:&[^#]*)?";
      default -> VALUE;
    };
  }

  private static boolean hasDotSegment(String uri) {
    int end = uri.length();
    for (char stop : new char[] {'?', '#'}) {
      int at = uri.indexOf(stop);
      if (at >= 0 && at < end) {
        end = at;
      }
    }
    for (String segment : uri.substring(0, end).split("/", -1)) {
      String s = segment.replace("%2e", ".").replace("%2E", ".");
      if (s.equals(".") || s.equals("..")) {
        return true;
      }
    }
    return false;
  }
}
