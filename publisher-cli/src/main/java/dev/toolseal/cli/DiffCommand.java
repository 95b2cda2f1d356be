package dev.toolseal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.manifest.CanonicalJson;
import dev.toolseal.verifier.manifest.DiffRenderer;
import dev.toolseal.verifier.manifest.ManifestChange;
import dev.toolseal.verifier.manifest.ManifestDiff;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.manifest.ValueChange;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code toolseal diff}: what changed between two manifests, part by part. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Compare two manifests (a = signed or older, b = live or newer).",
        "Exits 0 when identical, 3 when they differ."},
    exitCodeListHeading = ExitCode.LIST_HEADING,
    exitCodeList = {ExitCode.LIST_OK, ExitCode.LIST_INTERNAL, ExitCode.LIST_USAGE,
        ExitCode.LIST_REJECTED, ExitCode.LIST_IO})
final class DiffCommand extends ToolsealCommand {
  @Parameters(index = "0", paramLabel = "<a.json>", description = "The signed or older manifest.")
  Path a;

  @Parameters(index = "1", paramLabel = "<b.json>", description = "The live or newer manifest.")
  Path b;

  @Override
  int execute() throws CommandFailure {
    ToolManifest before = Inputs.manifest(a);
    ToolManifest after = Inputs.manifest(b);
    ManifestDiff diff = ManifestDiff.between(before, after);
    if (json()) {
      ObjectNode doc = JsonOutput.object();
      doc.put("identical", diff.isEmpty());
      doc.putObject("a").put("file", a.toString()).put("digest", before.digest().hex());
      doc.putObject("b").put("file", b.toString()).put("digest", after.digest().hex());
      ArrayNode changes = doc.putArray("changes");
      diff.changes().forEach(c -> changes.add(toJson(c)));
      JsonOutput.print(out(), doc);
    } else {
      out().println("a: " + Inputs.show(a) + " sha256 " + before.digest().hex());
      out().println("b: " + Inputs.show(b) + " sha256 " + after.digest().hex());
      out().print(DiffRenderer.render(diff));
      out().flush();
    }
    return diff.isEmpty() ? ExitCode.OK : ExitCode.REJECTED;
  }

  static ObjectNode toJson(ManifestChange change) {
    ObjectNode o = JsonOutput.object();
    o.put("entry", change.key().toString());
    if (change instanceof ManifestChange.Added added) {
      o.put("change", "added");
      o.set("value", added.value().tree());
    } else if (change instanceof ManifestChange.Removed removed) {
      o.put("change", "removed");
      o.set("value", removed.value().tree());
    } else if (change instanceof ManifestChange.Renamed renamed) {
      o.put("change", "renamed");
      o.put("to", renamed.to().toString());
    } else if (change instanceof ManifestChange.Changed changed) {
      o.put("change", "changed");
      ArrayNode places = o.putArray("places");
      for (ValueChange v : changed.changes()) {
        ObjectNode p = places.addObject();
        p.put("pointer", v.pointer());
        v.before().map(CanonicalJson::tree).ifPresent(t -> p.set("before", t));
        v.after().map(CanonicalJson::tree).ifPresent(t -> p.set("after", t));
      }
    }
    return o;
  }
}
