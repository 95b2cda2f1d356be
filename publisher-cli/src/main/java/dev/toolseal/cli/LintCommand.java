package dev.toolseal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.cli.lint.LintFinding;
import dev.toolseal.cli.lint.LintReport;
import dev.toolseal.cli.lint.Linter;
import dev.toolseal.cli.lint.Severity;
import dev.toolseal.cli.lint.TextSite;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.manifest.VisibleText;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code toolseal lint}: the assessor's linter over every text of a manifest. */
@Command(name = "lint", mixinStandardHelpOptions = true,
    description = {"Look for hidden text, instructions to the model, shadowing and requests "
        + "for secrets in every text of a manifest.",
        "Exits 3 if any finding is high."},
    exitCodeListHeading = ExitCode.LIST_HEADING,
    exitCodeList = {ExitCode.LIST_OK, ExitCode.LIST_INTERNAL, ExitCode.LIST_USAGE,
        ExitCode.LIST_REJECTED, ExitCode.LIST_IO})
final class LintCommand extends ToolsealCommand {
  @Parameters(index = "0", arity = "0..1", paramLabel = "<manifest.json>",
      description = "A stored manifest.")
  Path manifestFile;

  @Option(names = "--release", paramLabel = "<release.dsse.json>",
      description = "Lint the manifest inside a release envelope instead (signature not "
          + "checked).")
  Path releaseFile;

  @Override
  int execute() throws CommandFailure {
    if ((manifestFile == null) == (releaseFile == null)) {
      throw new ParameterException(spec.commandLine(),
          "give either a manifest file or --release, not both");
    }
    ToolManifest manifest = manifestFile != null ? Inputs.manifest(manifestFile)
        : ReleaseFiles.manifest(ReleaseFiles.release(Inputs.envelope(releaseFile),
            Optional.empty()));
    LintReport report = Linter.lint(manifest);
    if (json()) {
      JsonOutput.print(out(), toJson(manifest, report));
    } else {
      print(out(), report);
    }
    return report.hasHigh() ? ExitCode.REJECTED : ExitCode.OK;
  }

  static ObjectNode toJson(ToolManifest manifest, LintReport report) {
    ObjectNode doc = JsonOutput.object();
    ObjectNode m = doc.putObject("manifest");
    m.put("server", manifest.server().name());
    m.put("version", manifest.server().version());
    m.put("digest", manifest.digest().hex());
    ObjectNode summary = doc.putObject("summary");
    for (Severity s : Severity.values()) {
      summary.put(s.wireName(), report.count(s));
    }
    ArrayNode rules = doc.putArray("rules");
    Linter.ruleIds().forEach(rules::add);
    ArrayNode findings = doc.putArray("findings");
    for (LintFinding f : report.findings()) {
      ObjectNode o = findings.addObject();
      o.put("rule", f.rule());
      o.put("severity", f.severity().wireName());
      o.put("entry", f.entry().toString());
      o.put("pointer", f.pointer());
      o.put("documentPointer", f.documentPointer());
      o.put("in", f.form() == TextSite.Form.MEMBER_NAME ? "memberName" : "value");
      o.put("message", f.message());
      o.put("evidence", f.evidence());
      f.decoded().ifPresent(d -> o.put("decoded", d));
    }
    return doc;
  }

  private static void print(PrintWriter out, LintReport report) {
    for (LintFinding f : report.findings()) {
      out.printf("%-6s %s  %s %s%s%n", f.severity().name(), f.rule(),
          VisibleText.of(f.entry().toString()),
          f.pointer().isEmpty() ? "(whole value)" : VisibleText.of(f.pointer()),
          f.form() == TextSite.Form.MEMBER_NAME ? " (member name)" : "");
      out.println("       " + f.message());
      out.println("       text: " + f.evidence());
      f.decoded().ifPresent(d -> out.println("       decoded: " + d));
    }
    out.printf("%d finding(s): %d high, %d medium, %d low%n", report.findings().size(),
        report.count(Severity.HIGH), report.count(Severity.MEDIUM), report.count(Severity.LOW));
  }
}
