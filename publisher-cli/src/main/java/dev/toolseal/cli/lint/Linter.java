package dev.toolseal.cli.lint;

import dev.toolseal.verifier.manifest.EntryKind;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * An assessor's linter: runs every rule over every text of a manifest ({@link ManifestTexts}),
 * and {@link SchemaRefRule} over every tool schema.
 * It never changes the manifest or its digest; it tells a person what to read closely.
 */
public final class Linter {
  /** The rules, in the order their findings are listed for one text. */
  public static final List<LintRule> RULES = List.of(
      new TagCharacterRule(),
      new BidiControlRule(),
      new AnsiEscapeRule(),
      new InvisibleCharacterRule(),
      new VariationSelectorRule(),
      new ReplacementCharacterRule(),
      new WhitespaceRunRule(),
      new InstructionTextRule(),
      new ShadowingRule(),
      new SensitiveDataRule());

  private Linter() {}

  /** The findings of every rule over {@code manifest}. */
  public static LintReport lint(ToolManifest manifest) {
    Set<String> names = new HashSet<>();
    for (EntryKind kind : List.of(EntryKind.TOOL, EntryKind.PROMPT)) {
      manifest.entries().keySet().stream().filter(k -> k.kind() == kind)
          .forEach(k -> names.add(k.id()));
    }
    LintContext context = new LintContext(names);
    List<LintFinding> findings = new ArrayList<>();
    for (TextSite site : ManifestTexts.of(manifest)) {
      findings.addAll(check(site, context));
    }
    findings.addAll(SchemaRefRule.findings(manifest));
    return new LintReport(findings);
  }

  /** The findings of every rule in one text. */
  public static List<LintFinding> check(TextSite site, LintContext context) {
    List<LintFinding> findings = new ArrayList<>();
    for (LintRule rule : RULES) {
      rule.check(site, context, findings);
    }
    return findings;
  }

  /** The ids of all rules: the text rules, then {@link SchemaRefRule}. */
  public static List<String> ruleIds() {
    List<String> ids = new ArrayList<>(RULES.stream().map(LintRule::id).toList());
    ids.add(SchemaRefRule.ID);
    return List.copyOf(ids);
  }
}
