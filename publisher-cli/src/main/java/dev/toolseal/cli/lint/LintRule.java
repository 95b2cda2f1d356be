package dev.toolseal.cli.lint;

import java.util.List;

/** One linter rule: looks at one text at a time and adds what it finds. */
public interface LintRule {
  /** The stable rule id shown in findings, e.g. {@code instruction-text}. */
  String id();

  /** Adds the findings of this rule in {@code site} to {@code out}. */
  void check(TextSite site, LintContext context, List<LintFinding> out);
}
