package dev.toolseal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.Statement;
import dev.toolseal.verifier.bundle.BundleException;
import dev.toolseal.verifier.gate.LiveManifests;
import dev.toolseal.verifier.keys.VerificationKey;
import dev.toolseal.verifier.log.CheckpointStore;
import dev.toolseal.verifier.log.FileCheckpointStore;
import dev.toolseal.verifier.log.LogClient;
import dev.toolseal.verifier.log.LogTrust;
import dev.toolseal.verifier.log.MemoryCheckpointStore;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.mcp.McpEndpoint;
import dev.toolseal.verifier.mcp.McpRecordingException;
import dev.toolseal.verifier.mcp.RecordingLimits;
import dev.toolseal.verifier.registry.RegistryClient;
import dev.toolseal.verifier.registry.RegistryEvidence;
import dev.toolseal.verifier.verification.OfflineEvidenceFiles;
import dev.toolseal.verifier.verification.ReleaseEvidence;
import dev.toolseal.verifier.verification.ReleaseVerifier;
import dev.toolseal.verifier.verification.VerificationPolicy;
import dev.toolseal.verifier.verification.VerificationResult;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code toolseal verify}: records a live server (stdio command or streamable HTTP URL) and
 * verifies it against offline release evidence (Sigstore bundles) with verifier-lib's {@link
 * ReleaseVerifier}. Prints the status and every reason.
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

  @Option(names = "--bundle", paramLabel = "<release.bundle.json>",
      description = "The release's offline Sigstore bundle (or --registry).")
  Path bundle;

  @Mixin
  RegistryOptions registry = new RegistryOptions();

  @Option(names = "--review", paramLabel = "<bundle>",
      description = "A review bundle (repeatable).")
  List<Path> reviews = new ArrayList<>();

  @Option(names = "--key-event", paramLabel = "<bundle>",
      description = "A key-binding, rotation or revocation bundle (repeatable).")
  List<Path> keyEvents = new ArrayList<>();

  @Option(names = "--log-key", required = true, paramLabel = "<verifier key>",
      description = "A trusted log's note verifier key, name+hexid+base64 (repeatable).")
  List<String> logKeys = new ArrayList<>();

  @Option(names = "--publisher-key", paramLabel = "<pub.pem>",
      description = "Pin this publisher key for the server's namespace (repeatable); without "
          + "it, keys bound to the namespace in the log are trusted.")
  List<Path> publisherKeys = new ArrayList<>();

  @Option(names = "--require-reviews", paramLabel = "<k>", defaultValue = "0",
      description = "PASSED reviews needed from distinct --assessor-key keys (default 0).")
  int requiredReviews;

  @Option(names = "--assessor-key", paramLabel = "<pem>",
      description = "An assessor whose reviews count (repeatable).")
  List<Path> assessorKeys = new ArrayList<>();

  @Option(names = "--checkpoints", paramLabel = "<dir>",
      description = "Directory remembering the latest log checkpoint seen (default: none kept).")
  Path checkpoints;

  @Option(names = "--quarantine",
      description = "Hide only changed list entries instead of rejecting the whole server "
          + "(still exit 3).")
  boolean quarantine;

  @Option(names = "--name", paramLabel = "<server name>",
      description = "The release expected (default: the release bundle's subject).")
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
    if ((bundle != null) == registry.given()) {
      throw usage("give either --bundle (offline evidence) or --registry");
    }
    if (registry.given() && (name == null || !reviews.isEmpty() || !keyEvents.isEmpty())) {
      throw usage("with --registry give --name and --version, and no --review or --key-event");
    }
    LogTrust trust = LogKeys.trust(spec.commandLine(), logKeys);
    List<VerificationKey> publishers = new ArrayList<>();
    for (Path p : publisherKeys) {
      publishers.add(Inputs.verificationKey(p));
    }
    List<VerificationKey> assessors = new ArrayList<>();
    for (Path p : assessorKeys) {
      assessors.add(Inputs.verificationKey(p));
    }
    if (requiredReviews < 0 || requiredReviews > assessors.size()) {
      throw usage("--require-reviews must be between 0 and the number of --assessor-key keys");
    }
    ReleaseEvidence evidence = evidence();
    ServerRef server = server(evidence);
    VerificationPolicy.Builder policy = VerificationPolicy.builder(trust);
    if (publishers.isEmpty()) {
      policy.publisherKeysFromLog();
    } else {
      String namespace = server.name().substring(0, Math.max(0, server.name().indexOf('/')));
      if (namespace.isEmpty()) {
        throw new CommandFailure(ExitCode.REJECTED, "server name "
            + VisibleText.of(server.name()) + " has no namespace to pin keys for");
      }
      publishers.forEach(k -> policy.pinPublisherKey(namespace, k));
    }
    policy.requireReviews(requiredReviews, assessors);
    policy.onMismatch(quarantine ? VerificationPolicy.MismatchAction.QUARANTINE_CHANGED
        : VerificationPolicy.MismatchAction.REJECT_SERVER);
    CheckpointStore store = checkpointStore();
    ToolManifest live = record(endpoint, server, limits);
    VerificationResult result = ReleaseVerifier.verify(live, evidence, policy.build(), store);
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

  private ReleaseEvidence evidence() throws CommandFailure {
    if (registry.given()) {
      RegistryClient client = registry.client(spec.commandLine());
      err().println("fetching the evidence for " + VisibleText.of(name) + "@"
          + VisibleText.of(version) + " from " + client.base() + " ...");
      try {
        return new RegistryEvidence(client).evidenceFor(new ServerRef(name, version));
      } catch (IllegalArgumentException e) {
        throw usage("bad --name or --version: " + e.getMessage());
      } catch (IOException e) {
        throw RegistryOptions.failure("fetching the release evidence", e);
      } catch (BundleException e) {
        throw new CommandFailure(ExitCode.REJECTED, "a bundle from the registry was rejected: "
            + VisibleText.of(String.valueOf(e.getMessage())), e);
      }
    }
    OfflineEvidenceFiles files;
    try {
      files = new OfflineEvidenceFiles(bundle, reviews, keyEvents, LogClient.none());
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    try {
      return files.read();
    } catch (IOException e) {
      throw new CommandFailure(ExitCode.IO, "cannot read the evidence: "
          + VisibleText.of(String.valueOf(e.getMessage())), e);
    } catch (BundleException e) {
      throw new CommandFailure(ExitCode.REJECTED, "a bundle was rejected: "
          + VisibleText.of(String.valueOf(e.getMessage())), e);
    }
  }

  /** --name/--version, or the release bundle's subject (which the verifier checks anyway). */
  private ServerRef server(ReleaseEvidence evidence) throws CommandFailure {
    try {
      if (name != null) {
        return new ServerRef(name, version);
      }
      Release release = Release.fromStatement(Statement.parse(
          evidence.release().envelope().payload()));
      return new ServerRef(release.name().serverName(), release.name().version());
    } catch (IllegalArgumentException e) {
      throw usage("bad --name or --version: " + e.getMessage());
    } catch (Exception e) {
      throw new CommandFailure(ExitCode.REJECTED, "the release bundle holds no readable "
          + "release: " + VisibleText.of(String.valueOf(e.getMessage())), e);
    }
  }

  private CheckpointStore checkpointStore() throws CommandFailure {
    if (checkpoints == null) {
      return new MemoryCheckpointStore();
    }
    try {
      return new FileCheckpointStore(checkpoints);
    } catch (IOException e) {
      throw Inputs.ioFailure(checkpoints, e);
    }
  }

  private ToolManifest record(McpEndpoint endpoint, ServerRef server, RecordingLimits limits)
      throws CommandFailure {
    err().println("recording the live server ...");
    try {
      return LiveManifests.record(endpoint, server,
          McpSchema.ClientCapabilities.builder().build(), limits);
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
