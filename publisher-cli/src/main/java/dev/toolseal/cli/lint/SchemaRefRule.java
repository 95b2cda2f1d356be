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
 * A tool whose schema has a {@code $ref} or {@code $dynamicRef} that leaves it ({@link
 * SchemaRefs}): always {@link Severity#HIGH}, since what the schema means can then change while
 * the signed bytes stay the same, and verifiers refuse such a tool. Unlike the text rules it needs
 * a whole schema at a time, so the linter runs it once per manifest.
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
            TextSite.Form.VALUE, "the schema refers outside the tool (" + r.problem()
                + "): what it means can change while the signed manifest stays the same;"
                + " verifiers refuse this tool", VisibleText.of(r.detail()), Optional.empty()));
      }
    }
    return out;
  }
}
