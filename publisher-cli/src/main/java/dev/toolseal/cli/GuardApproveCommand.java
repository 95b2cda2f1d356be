package dev.toolseal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.cli.guard.LockFile;
import dev.toolseal.cli.guard.LockFileException;
import dev.toolseal.verifier.relay.UpstreamProbe;
import dev.toolseal.cli.lint.LintReport;
import dev.toolseal.cli.lint.Linter;
import dev.toolseal.cli.lint.Severity;
import dev.toolseal.verifier.manifest.DiffRenderer;
import dev.toolseal.verifier.manifest.ManifestDiff;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.gate.LiveManifests;
import dev.toolseal.verifier.mcp.McpRecordingException;
import dev.toolseal.verifier.mcp.RawSnapshot;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code toolseal guard approve}: records the live server the way the guard does, shows what
 * differs from the pinned manifest (hidden characters spelled out) and the lint counts, asks
 * y/N and pins it. The protocol version and client capabilities default to the pinned ones, so
 * the manifest matches what a guarded session will record.
 */
@Command(name = "approve", description = {"Record a server, show the change against its pin, "
    + "and pin it after a yes.", "  toolseal guard approve [--lock f] [--yes] -- cmd args"},
    exitCodeListHeading = ExitCode.LIST_HEADING,
    exitCodeList = {"0:pinned, or already pinned unchanged", ExitCode.LIST_INTERNAL,
        ExitCode.LIST_USAGE, "3:not approved, or the server or lock file was refused",
        ExitCode.LIST_IO})
final class GuardApproveCommand extends ToolsealCommand {
  /** The protocol version asked for when nothing is pinned: the Java SDK's newest. */
  static final String DEFAULT_PROTOCOL_VERSION = "2025-11-25";

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message.")
  boolean help;

  @Mixin
  GuardTarget target;

  @Option(names = "--yes", description = "Pin without asking.")
  boolean yes;

  @Option(names = "--protocol-version", paramLabel = "<version>",
      description = "The protocol version to initialize with (default: the pinned one, else "
          + DEFAULT_PROTOCOL_VERSION + ").")
  String protocolVersion;

  @Option(names = "--client-capabilities", paramLabel = "<json>",
      description = "The client capabilities object to initialize with, as JSON (default: the "
          + "pinned one, else {}). Use what your MCP client sends.")
  String clientCapabilities;

  @Override
  int execute() throws CommandFailure {
    if (target.command.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "give the server command after --");
    }
    String name = target.name();
    LockFile lock = new LockFile(target.lock);
    Optional<LockFile.Pin> pin;
    try {
      pin = lock.pinned(name);
    } catch (LockFileException e) {
      throw new CommandFailure(ExitCode.REJECTED, e.getMessage(), e);
    }
    String version = protocolVersion != null ? protocolVersion : pin.map(p -> p.manifest()
        .protocolVersion()).orElse(DEFAULT_PROTOCOL_VERSION);
    JsonNode caps = capabilities(pin);
    Main main = (Main) spec.root().userObject();
    err().println("recording " + VisibleText.of(String.join(" ", target.command)) + " ...");
    ToolManifest live;
    try {
      RawSnapshot snap = UpstreamProbe.record(target.command, target.env, version, caps,
          Duration.ofSeconds(Math.max(1, target.timeoutSeconds)), 4 << 20, main.rawErr);
      live = LiveManifests.of(new ServerRef(name, GuardTarget.PIN_VERSION), snap);
    } catch (IOException e) {
      throw new CommandFailure(ExitCode.IO, "cannot start the server: " + e.getMessage(), e);
    } catch (McpRecordingException e) {
      throw new CommandFailure(Snapshots.exitCode(e), "recording failed: " + e.getMessage(), e);
    } catch (ManifestException e) {
      throw new CommandFailure(ExitCode.REJECTED, "the server's answers do not make a manifest: "
          + e.getMessage(), e);
    }
    // a pin is a person's approval of what the tools mean; with a reference leaving a tool's
    // schema the meaning is not in what would be pinned, so nobody can approve it
    Snapshots.requireContainedRefs(live, "not approved");
    Optional<ManifestDiff> diff = pin.map(p -> ManifestDiff.between(p.manifest(), live));
    LintReport lint = Linter.lint(live);
    ObjectNode doc = JsonOutput.object();
    doc.put("server", name);
    doc.put("lock", lock.file().toString());
    doc.put("digest", live.digest().hex());
    pin.ifPresent(p -> doc.put("pinnedDigest", p.manifest().digest().hex()));
    ArrayNode changes = doc.putArray("changes");
    diff.ifPresent(d -> d.changes().forEach(c -> changes.add(DiffCommand.toJson(c))));
    ObjectNode l = doc.putObject("lint");
    for (Severity s : Severity.values()) {
      l.put(s.wireName(), lint.count(s));
    }
    boolean unchanged = diff.map(ManifestDiff::isEmpty).orElse(false);
    if (!json()) {
      show(name, live, pin, diff, lint);
    }
    boolean approved = unchanged || yes || ask(main, name, lock);
    if (approved && !unchanged) {
      try {
        lock.pin(name, live, Instant.now());
      } catch (LockFileException e) {
        throw new CommandFailure(ExitCode.IO, e.getMessage(), e);
      }
    }
    doc.put("approved", approved);
    doc.put("unchanged", unchanged);
    if (json()) {
      JsonOutput.print(out(), doc);
    } else {
      out().println(unchanged ? "unchanged: the pin stays" : approved ? "pinned "
          + VisibleText.of(name) + " in " + Inputs.show(lock.file()) : "not approved");
    }
    return approved ? ExitCode.OK : ExitCode.REJECTED;
  }

  private JsonNode capabilities(Optional<LockFile.Pin> pin) {
    if (clientCapabilities == null) {
      return pin.map(p -> p.manifest().clientCapabilities().tree())
          .orElse(JsonNodeFactory.instance.objectNode());
    }
    try {
      JsonNode node = JsonOutput.MAPPER.readTree(clientCapabilities);
      if (node != null && node.isObject()) {
        return node;
      }
    } catch (IOException e) {
      // reported below
    }
    throw new ParameterException(spec.commandLine(), "--client-capabilities must be a JSON object");
  }

  private void show(String name, ToolManifest live, Optional<LockFile.Pin> pin,
      Optional<ManifestDiff> diff, LintReport lint) {
    out().println("server " + VisibleText.of(name) + ": live manifest sha256 "
        + live.digest().hex());
    if (pin.isEmpty()) {
      out().println("nothing pinned yet; the live entries:");
      live.entries().keySet().forEach(k -> out().println("  " + VisibleText.of(k.toString())));
    } else {
      out().println("pinned at " + pin.get().approvedAt() + ", sha256 "
          + pin.get().manifest().digest().hex());
      out().print(DiffRenderer.render(diff.orElseThrow()));
    }
    out().println("lint: " + lint.count(Severity.HIGH) + " high, " + lint.count(Severity.MEDIUM)
        + " medium, " + lint.count(Severity.LOW) + " low");
    out().flush();
  }

  private boolean ask(Main main, String name, LockFile lock) throws CommandFailure {
    err().print("Pin this manifest for " + VisibleText.of(name) + " in "
        + Inputs.show(lock.file()) + "? [y/N] ");
    err().flush();
    try {
      String answer = new BufferedReader(new InputStreamReader(main.in, StandardCharsets.UTF_8))
          .readLine();
      String a = answer == null ? "" : answer.trim().toLowerCase(Locale.ROOT);
      return a.equals("y") || a.equals("yes");
    } catch (IOException e) {
      throw new CommandFailure(ExitCode.IO, "cannot read the answer: " + e.getMessage(), e);
    }
  }
}
