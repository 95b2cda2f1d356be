package dev.toolseal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.gate.LiveManifests;
import dev.toolseal.verifier.log.CheckpointStore;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.Era;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.mcp.McpEndpoint;
import dev.toolseal.verifier.mcp.McpRecordingException;
import dev.toolseal.verifier.mcp.RecordingLimits;
import dev.toolseal.verifier.relay.ReferenceCapabilities;
import dev.toolseal.verifier.verification.ReleaseEvidence;
import dev.toolseal.verifier.verification.ReleaseVerifier;
import dev.toolseal.verifier.verification.VerificationPolicy;
import dev.toolseal.verifier.verification.VerificationResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code toolseal verify}: records a live server (stdio command or streamable HTTP URL) and
 * verifies it against release evidence (offline Sigstore bundles, or the bundles a registry
 * serves) with verifier-lib's {@link ReleaseVerifier}. Prints the status and every reason.
 */
@Command(name = "verify",
    description = {"Verify a live MCP server against its signed, logged release.",
        "toolseal verify --bundle r.json --log-key KEY [--publisher-key p.pub] -- cmd args",
        "toolseal verify --bundle r.json --log-key KEY --url URL",
        "toolseal verify --registry REG --name NS/NAME --version V --log-key KEY -- cmd args"},
    exitCodeListHeading = ExitCode.LIST_HEADING,
    exitCodeList = {"0:accepted", ExitCode.LIST_INTERNAL, ExitCode.LIST_USAGE,
        "3:rejected (or quarantined), with every reason", ExitCode.LIST_IO})
final class VerifyCommand extends ToolsealCommand {
  // no mixinStandardHelpOptions: --version here is the server's version, not toolseal's
  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message.")
  boolean help;

  @Mixin
  ReleaseEvidenceOptions evidenceOptions = new ReleaseEvidenceOptions();

  @Option(names = "--quarantine",
      description = "Hide only changed list entries instead of rejecting the whole server "
          + "(still exit 3).")
  boolean quarantine;

  @Option(names = "--name", paramLabel = "<server name>",
      description = "The release expected (default: the release bundle's subject; required "
          + "with --registry).")
  String name;

  @Option(names = "--version", paramLabel = "<version>",
      description = "The version expected, with --name.")
  String version;

  @Mixin
  LiveServer liveServer = new LiveServer();

  @Override
  int execute() throws CommandFailure {
    McpEndpoint endpoint = liveServer.endpoint(spec.commandLine());
    RecordingLimits limits = liveServer.limits(spec.commandLine());
    if ((name == null) != (version == null)) {
      throw usage("give --name and --version together");
    }
    ReleaseEvidenceOptions.Source source = evidenceOptions.source(spec.commandLine(), name,
        version, err()::println);
    ReleaseEvidence evidence = source.evidence();
    ServerRef server = source.server();
    VerificationPolicy policy = evidenceOptions.policy(spec.commandLine(), server,
        quarantine ? VerificationPolicy.MismatchAction.QUARANTINE_CHANGED
            : VerificationPolicy.MismatchAction.REJECT_SERVER, err()::println);
    CheckpointStore store = evidenceOptions.checkpointStore(spec.commandLine(),
        ((Main) spec.root().userObject()).env, err()::println);
    ToolManifest live = record(endpoint, server, limits, era(evidence));
    VerificationResult result = ReleaseVerifier.verify(live, evidence, policy, store);
    if (TrustSummary.due(evidenceOptions.registry.given(), policy)) {
      String namespace = server.name().substring(0, Math.max(0, server.name().indexOf('/')));
      TrustSummary.lines(policy, namespace, result.release(), evidenceOptions
          .checkpointLocation(spec.commandLine(), ((Main) spec.root().userObject()).env))
          .forEach(err()::println);
    }
    if (json()) {
      JsonOutput.print(out(), report(server, live, result));
    } else {
      printReport(server, live, result);
    }
    return result.status() == VerificationResult.Status.ACCEPTED ? ExitCode.OK
        : ExitCode.REJECTED;
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /**
   * The era the release was recorded in, read from the evidence before it is verified (only to
   * ask a server that speaks both eras for the same one; the verification then checks the
   * signed manifest, era included); null when it cannot be read.
   */
  private static Era era(ReleaseEvidence evidence) {
    try {
      return ReferenceCapabilities.protocolVersion(evidence).map(Era::ofProtocolVersion)
          .orElse(null);
    } catch (Exception e) {
      return null; // the verification refuses such a release on its own
    }
  }

  private ToolManifest record(McpEndpoint endpoint, ServerRef server, RecordingLimits limits,
      Era era) throws CommandFailure {
    err().println("recording the live server ...");
    try {
      return LiveManifests.record(endpoint, server,
          McpSchema.ClientCapabilities.builder().build(), limits, era);
    } catch (McpRecordingException e) {
      throw LiveServer.recordingFailed(e);
    } catch (ManifestException e) {
      throw new CommandFailure(ExitCode.REJECTED, "the server's answers do not make a "
          + "manifest: " + VisibleText.of(e.getMessage()), e);
    }
  }

  private static ObjectNode report(ServerRef server, ToolManifest live,
      VerificationResult result) {
    ObjectNode doc = JsonOutput.object();
    doc.put("server", server.name());
    doc.put("version", server.version());
    doc.put("status", result.status().name());
    doc.put("liveDigest", live.digest().hex());
    ArrayNode accepted = doc.putArray("accepted");
    result.accepted().forEach(k -> accepted.add(k.toString()));
    ArrayNode rejected = doc.putArray("rejected");
    result.rejected().forEach(k -> rejected.add(k.toString()));
    ArrayNode reasons = doc.putArray("reasons");
    for (VerificationResult.Reason r : result.reasons()) {
      ObjectNode n = reasons.addObject();
      if (r.entry().isPresent()) {
        n.put("entry", r.entry().get().toString());
      } else {
        n.putNull("entry");
      }
      n.put("message", r.message());
    }
    return doc;
  }

  private void printReport(ServerRef server, ToolManifest live, VerificationResult result) {
    out().println(result.status() + ": " + VisibleText.of(server.name()) + "@"
        + VisibleText.of(server.version()) + " (live manifest sha256 " + live.digest().hex()
        + ")");
    if (!result.rejected().isEmpty()) {
      List<String> keys = result.rejected().stream().map(EntryKey::toString)
          .map(VisibleText::of).toList();
      out().println("  hidden: " + String.join(", ", keys));
    }
    for (VerificationResult.Reason r : result.reasons()) {
      out().println("  - " + r.entry().map(k -> VisibleText.of(k.toString()) + ": ").orElse("")
          + VisibleText.of(r.message()));
    }
  }
}
