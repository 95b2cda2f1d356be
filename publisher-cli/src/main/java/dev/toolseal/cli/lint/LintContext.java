package dev.toolseal.cli.lint;

import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What rules may know about the whole manifest while looking at one text.
 *
 * @param ownNames the names of this server's tools and prompts, lower case
 */
public record LintContext(Set<String> ownNames) {
  public LintContext {
    ownNames = ownNames.stream().map(n -> n.toLowerCase(Locale.ROOT))
        .collect(Collectors.toUnmodifiableSet());
  }
}
