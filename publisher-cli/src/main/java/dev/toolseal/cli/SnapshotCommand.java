package dev.toolseal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.cli.lint.LintReport;
import dev.toolseal.cli.lint.Linter;
import dev.toolseal.cli.lint.Severity;
import dev.toolseal.verifier.manifest.EntryKind;
import dev.toolseal.verifier.manifest.ManifestAssembler;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.ManifestFormat;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.mcp.McpEndpoint;
import dev.toolseal.verifier.mcp.McpRecorder;
import dev.toolseal.verifier.mcp.McpRecordingException;
import dev.toolseal.verifier.mcp.RawSnapshot;
import dev.toolseal.verifier.mcp.RecordingLimits;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code toolseal snapshot}: records a live server's raw definitions (stdio command or streamable
 * HTTP URL) into a manifest file and prints a summary with the lint counts.
 */
@Command(name = "snapshot",
    description = {"Record a live MCP server's definitions into a manifest.",
        "Start it over stdio:  toolseal snapshot --name N --version V --out m.json -- cmd args",
        "or reach it over HTTP: toolseal snapshot --name N --version V --out m.json --url URL"},
    exitCodeListHeading = ExitCode.LIST_HEADING,
    exitCodeList = {ExitCode.LIST_OK, ExitCode.LIST_INTERNAL, ExitCode.LIST_USAGE,
        ExitCode.LIST_REJECTED, ExitCode.LIST_IO})
final class SnapshotCommand extends ToolsealCommand {
  /** Client capabilities the recording client may declare. */
  enum Capability { ROOTS, SAMPLING, ELICITATION }

  // no mixinStandardHelpOptions: --version here is the server's version, not toolseal's
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message.")
  boolean help;

  @Option(names = "--name", required = true, paramLabel = "<server name>",
      description = "Registry name of the server, e.g. io.github.acme/weather.")
  String name;

  @Option(names = "--version", required = true, paramLabel = "<version>",
      description = "The release version being recorded.")
  String version;

  @Option(names = "--out", required = true, paramLabel = "<manifest.json>",
      description = "Where to write the manifest.")
  Path outFile;

  @Option(names = "--force", description = "Overwrite --out if it exists.")
  boolean force;

  @Option(names = "--client-capability", paramLabel = "roots|sampling|elicitation",
      description = "A capability the recording client declares (repeatable; default none). "
          + "It is part of the manifest.")
  List<Capability> capabilities = new ArrayList<>();

  @Mixin
  LiveServer liveServer = new LiveServer();

  @Override
  int execute() throws CommandFailure {
    McpEndpoint endpoint = liveServer.endpoint(spec.commandLine());
    ServerRef server;
    try {
      server = new ServerRef(name, version);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "bad --name or --version: "
          + e.getMessage());
    }
    RecordingLimits limits = liveServer.limits(spec.commandLine());
    err().println("recording " + VisibleText.of(describe(endpoint)) + " ...");
    RawSnapshot snapshot;
    try {
      snapshot = new McpRecorder(limits).record(endpoint, clientCapabilities());
    } catch (McpRecordingException e) {
      throw LiveServer.recordingFailed(e);
    }
    ToolManifest manifest;
    try {
      manifest = new ManifestAssembler().assemble(Snapshots.session(server, snapshot));
    } catch (ManifestException e) {
      throw new CommandFailure(ExitCode.REJECTED, "the server's answers do not make a "
          + "manifest: " + e.getMessage(), e);
    }
    Snapshots.requireContainedRefs(manifest, "not recorded");
    Outputs.write(outFile, ManifestFormat.format(manifest), force);
    LintReport lint = Linter.lint(manifest);
    ObjectNode summary = summary(manifest, lint);
    if (json()) {
      JsonOutput.print(out(), summary);
    } else {
      printSummary(summary);
    }
    return ExitCode.OK;
  }

  private McpSchema.ClientCapabilities clientCapabilities() {
    McpSchema.ClientCapabilities.Builder b = McpSchema.ClientCapabilities.builder();
    for (Capability c : capabilities) {
      switch (c) {
        case ROOTS -> b.roots(false);
        case SAMPLING -> b.sampling();
        case ELICITATION -> b.elicitation();
      }
    }
    return b.build();
  }

  private static String describe(McpEndpoint endpoint) {
    if (endpoint instanceof McpEndpoint.Stdio s) {
      return "stdio server " + s.command() + (s.args().isEmpty() ? "" : " " + String.join(" ",
          s.args()));
    }
    McpEndpoint.StreamableHttp h = (McpEndpoint.StreamableHttp) endpoint;
    return "HTTP server " + h.baseUri() + h.endpoint();
  }

  private ObjectNode summary(ToolManifest manifest, LintReport lint) {
    ObjectNode doc = JsonOutput.object();
    doc.put("server", manifest.server().name());
    doc.put("version", manifest.server().version());
    doc.put("digest", manifest.digest().hex());
    doc.put("file", outFile.toString());
    doc.put("era", manifest.era().wireName());
    doc.set("serverInfo", manifest.serverInfo().orElse(NullNode.getInstance()));
    doc.put("protocolVersion", manifest.protocolVersion());
    for (EntryKind kind : EntryKind.values()) {
      if (kind.isListKind()) {
        ArrayNode ids = doc.putArray(kind.arrayName().orElseThrow());
        manifest.entries().keySet().stream().filter(k -> k.kind() == kind)
            .forEach(k -> ids.add(k.id()));
      }
    }
    ObjectNode l = doc.putObject("lint");
    for (Severity s : Severity.values()) {
      l.put(s.wireName(), lint.count(s));
    }
    return doc;
  }

  private void printSummary(ObjectNode s) {
    out().println("recorded " + VisibleText.of(s.get("server").asText()) + "@"
        + VisibleText.of(s.get("version").asText()) + " (serverInfo "
        + VisibleText.of(s.get("serverInfo").path("name").asText()) + " "
        + VisibleText.of(s.get("serverInfo").path("version").asText()) + ", protocol "
        + VisibleText.of(s.get("protocolVersion").asText()) + ")");
    for (String array : List.of("tools", "prompts", "resources", "resourceTemplates")) {
      List<String> ids = new ArrayList<>();
      s.get(array).forEach(n -> ids.add(VisibleText.of(n.asText())));
      out().println("  " + array + " (" + ids.size() + "): " + String.join(", ", ids));
    }
    out().println("  manifest sha256: " + s.get("digest").asText());
    out().println("  written: " + Inputs.show(outFile));
    JsonNode lint = s.get("lint");
    long total = lint.path("high").asLong() + lint.path("medium").asLong()
        + lint.path("low").asLong();
    out().println("  lint: " + lint.path("high").asLong() + " high, "
        + lint.path("medium").asLong() + " medium, " + lint.path("low").asLong() + " low"
        + (total > 0 ? " (run toolseal lint for details)" : ""));
  }
}
