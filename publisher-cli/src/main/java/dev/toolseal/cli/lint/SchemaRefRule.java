package dev.toolseal.cli.lint;

import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.EntryKind;
import dev.toolseal.verifier.manifest.SchemaRefs;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.manifest.VisibleText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A tool whose schema has a {@code $ref} or {@code $dynamicRef} that leaves it, or that breaks
 * the composition bounds ({@link SchemaRefs}): always {@link Severity#HIGH}, since what the schema
 * means can then change while the signed bytes stay the same, or validating it may never end, and
 * verifiers refuse such a tool. Unlike the text rules it needs a whole schema at a time, so the
 * linter runs it once per manifest.
 */
public final class SchemaRefRule {
  /** The rule id shown in findings. */
  public static final String ID = "schema-ref";

  private SchemaRefRule() {}

  /** One finding per refused reference, in tool order. */
  public static List<LintFinding> findings(ToolManifest manifest) {
    Map<EntryKey, List<SchemaRefs.LeavingRef>> found = SchemaRefs.of(manifest);
    List<LintFinding> out = new ArrayList<>();
    int index = 0;
    for (EntryKey key : manifest.entries().keySet()) {
      if (key.kind() != EntryKind.TOOL) {
        continue;
      }
      String base = "/" + key.kind().arrayName().orElseThrow() + "/" + index++;
      for (SchemaRefs.LeavingRef r : found.getOrDefault(key, List.of())) {
        out.add(new LintFinding(ID, Severity.HIGH, key, r.pointer(), base + r.pointer(),
            TextSite.Form.VALUE, message(r.problem()) + "; verifiers refuse this tool",
            VisibleText.of(r.detail()), Optional.empty()));
      }
    }
    return out;
  }

  /** What the finding says, by problem (a new problem must be given its own words here). */
  static String message(SchemaRefs.Problem problem) {
    return switch (problem) {
      case EXTERNAL, UNRESOLVED_POINTER, UNKNOWN_ANCHOR, CROSS_SCHEMA, NESTED_ID, UNKNOWN_DIALECT,
          MALFORMED -> "the schema refers outside the tool (" + problem + "): what it means can"
          + " change while the signed manifest stays the same";
      case TOO_LARGE -> "the schema is too large or too deep to check (" + problem + ")";
      case REF_CHAIN_TOO_LONG -> "the schema follows more references in a row at one instance"
          + " location than a validator should (" + problem + ")";
      case REF_CYCLE -> "the schema's references lead back to where they started without"
          + " stepping into part of the instance, so validating it never ends (" + problem + ")";
      case HEADER_ANNOTATION -> "an x-mcp-header annotation breaks the rules, so clients must"
          + " drop the tool (" + problem + ")";
    };
  }
}
