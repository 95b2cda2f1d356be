package dev.toolseal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.relay.AuditLog;
import dev.toolseal.verifier.relay.Guard;
import dev.toolseal.verifier.relay.GuardSettings;
import dev.toolseal.cli.guard.HttpClientSide;
import dev.toolseal.cli.guard.LockFile;
import dev.toolseal.cli.guard.LockFileException;
import dev.toolseal.verifier.relay.ReferenceCapabilities;
import dev.toolseal.cli.guard.TofuVerifier;
import dev.toolseal.verifier.gate.ManifestVerifier;
import dev.toolseal.verifier.gate.PinnedManifestVerifier;
import dev.toolseal.verifier.gate.ReleaseManifestVerifier;
import dev.toolseal.verifier.log.CheckpointStore;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.verification.ReleaseEvidence;
import dev.toolseal.verifier.verification.ReleaseEvidenceSource;
import dev.toolseal.verifier.verification.VerificationPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code toolseal guard}: an MCP server on stdin/stdout that starts the real server as a child
 * and relays to it what its verified manifest allows. Not a {@link ToolsealCommand}: stdout is
 * the MCP channel, so there is no {@code --output}; diagnostics go to stderr.
 */
@Command(name = "guard", subcommands = {GuardApproveCommand.class},
    description = {"Run an MCP server behind ToolSeal: tools whose definitions differ from the "
        + "pinned manifest or the signed release are hidden and their calls refused.",
        "  toolseal guard [--lock f] [--approve-first] [--audit log.jsonl] -- cmd args",
        "  toolseal guard --release r.bundle.json --log-key KEY [--audit log.jsonl] -- cmd args",
        "  toolseal guard --registry URL --name NS/NAME --version V --log-key KEY -- cmd args"},
    exitCodeListHeading = ExitCode.LIST_HEADING,
    exitCodeList = {"0:the client closed the session", ExitCode.LIST_INTERNAL,
        ExitCode.LIST_USAGE, "3:the lock file is malformed, or a release bundle was refused",
        "4:the server could not be started or exited, or a file could not be read"})
final class GuardCommand implements Callable<Integer> {
  /** What to do about a changed list entry. */
  enum Policy { QUARANTINE_CHANGED, REJECT_SERVER }

  @Spec
  CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message.")
  boolean help;

  @Mixin
  GuardTarget target;

  @Mixin
  ReleaseEvidenceOptions evidence = new ReleaseEvidenceOptions();

  @Option(names = "--version", paramLabel = "<version>",
      description = "With --registry: the release version to verify against (with --name).")
  String version;

  @Option(names = "--url", paramLabel = "<url>",
      description = "A streamable HTTP upstream, e.g. http://localhost:3000/mcp, instead of a "
          + "command.")
  URI url;

  @Option(names = "--listen", paramLabel = "<host:port>",
      description = "Serve the client over streamable HTTP at http://<host:port>/mcp (a "
          + "loopback address; port 0 picks a free one) instead of stdin/stdout.")
  String listen;

  @Option(names = "--approve-first", description = "With no pin for the server yet, pin the "
      + "first live manifest (trust on first use).")
  boolean approveFirst;

  @Option(names = "--policy", paramLabel = "quarantine-changed|reject-server",
      defaultValue = "quarantine-changed", converter = PolicyConverter.class,
      description = "Hide only changed entries (default), or reject the whole server on any "
          + "change. Changed instructions always reject the server.")
  Policy policy;

  @Option(names = "--audit", paramLabel = "<file>",
      description = "Append every decision to this JSON-lines file.")
  Path audit;

  @Option(names = "--max-message-bytes", paramLabel = "<n>", defaultValue = "4194304",
      description = "The longest message accepted from either side (default 4 MiB).")
  int maxMessageBytes;

  @Option(names = "--allow-server-requests", description = "Relay the server's own requests "
      + "(sampling, elicitation, roots) to the client also while some of its entries are "
      + "quarantined (always relayed when the whole server is accepted, never when rejected).")
  boolean allowServerRequests;

  @Option(names = "--max-evidence-age", paramLabel = "<seconds>", defaultValue = "300",
      description = "A client list request under an older verdict re-verifies the server first "
          + "(default 300).")
  long maxEvidenceAgeSeconds;

  @Option(names = "--shutdown-grace", paramLabel = "<seconds>", defaultValue = "5",
      description = "How long the server may take to exit after the client left (default 5).")
  int graceSeconds;

  /** picocli converter accepting {@code quarantine-changed} and {@code reject-server}. */
  static final class PolicyConverter implements picocli.CommandLine.ITypeConverter<Policy> {
    @Override
    public Policy convert(String value) {
      return Policy.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
  }

  @Override
  public Integer call() throws CommandFailure {
    if (target.command.isEmpty() == (url == null)) {
      throw new ParameterException(spec.commandLine(),
          "give either the server command after -- or --url, not both");
    }
    if (url != null && (url.getHost() == null || !List.of("http", "https").contains(
        String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT)))) {
      throw new ParameterException(spec.commandLine(), "--url is not an http(s) URL");
    }
    if (target.timeoutSeconds < 1 || graceSeconds < 1 || maxMessageBytes < 1024
        || maxEvidenceAgeSeconds < 0) {
      throw new ParameterException(spec.commandLine(), "--timeout and --shutdown-grace must be "
          + "at least 1, --max-message-bytes 1024, --max-evidence-age 0");
    }
    InetSocketAddress listenAt = listen == null ? null : listenAddress();
    Main main = (Main) spec.root().userObject();
    Clock clock = Clock.systemUTC();
    Trust trust = trust(clock, line -> main.rawErr.println("toolseal guard: " + line));
    String label = trust.server().name() + (evidence.given() ? "@" + trust.server().version()
        : "");
    try (AuditLog log = AuditLog.open(audit, clock, label)) {
      GuardSettings settings = new GuardSettings(trust.server(), target.command,
          Optional.ofNullable(url), target.env,
          trust.verifier(), trust.reference(), log,
          line -> main.rawErr.println("toolseal guard: " + line),
          Duration.ofSeconds(target.timeoutSeconds), maxMessageBytes,
          GuardSettings.RecordingBounds.DEFAULT, Duration.ofSeconds(graceSeconds), trust.protocolVersion(), allowServerRequests,
          Duration.ofSeconds(maxEvidenceAgeSeconds), clock);
      if (listen == null) {
        int end = new Guard(settings).run(main.in, main.rawOut, main.rawErr);
        return end == Guard.CLIENT_CLOSED ? ExitCode.OK : ExitCode.IO;
      }
      try (HttpClientSide side = HttpClientSide.listen(listenAt, "/mcp",
          maxMessageBytes, settings.diagnostics())) {
        main.rawErr.println("toolseal guard: listening on " + side.uri());
        main.rawErr.flush();
        int end = new Guard(settings).run(side.input(), side.output(), main.rawErr);
        return end == Guard.CLIENT_CLOSED ? ExitCode.OK : ExitCode.IO;
      }
    } catch (IOException e) {
      throw new CommandFailure(ExitCode.IO, "cannot start the server or open the audit log: "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure(ExitCode.INTERNAL, "interrupted", e);
    }
  }

  /** {@code --listen} as a loopback socket address; a usage error otherwise. */
  private InetSocketAddress listenAddress() {
    int colon = listen.lastIndexOf(':');
    try {
      String host = listen.substring(0, Math.max(0, colon));
      if (host.startsWith("[") && host.endsWith("]")) {
        host = host.substring(1, host.length() - 1);
      }
      int port = Integer.parseInt(listen.substring(colon + 1));
      InetAddress address = InetAddress.getByName(host.isEmpty() ? "127.0.0.1" : host);
      if (!address.isLoopbackAddress() || port < 0 || port > 65535) {
        throw new IllegalArgumentException("not loopback");
      }
      return new InetSocketAddress(address, port);
    } catch (IOException | IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(),
          "--listen must be a loopback host:port, e.g. 127.0.0.1:8931");
    }
  }

  /**
   * What the guard trusts: the name the live manifest is assembled under, the verifier, the
   * client capabilities of its reference, and the protocol version of the reference when it is
   * known before the server starts (read from the evidence or pin already read at start).
   */
  record Trust(ServerRef server, ManifestVerifier verifier, ReferenceCapabilities reference,
      Optional<String> protocolVersion) {}

  /**
   * The seam where the trust policy is chosen: the registry's evidence for {@code --name}/{@code
   * --version} (the default policy, so without other policy options {@code --registry} is
   * required), offline release bundles with {@code --release}, or trust on first use when {@code
   * --lock} (or {@code --approve-first}) is given. Checked once here so a broken lock
   * file or missing or unreadable evidence stops the guard before it starts the server.
   */
  private Trust trust(Clock clock, Consumer<String> progress) throws CommandFailure {
    boolean tofu = approveFirst || spec.commandLine().getParseResult().hasMatchedOption("--lock");
    if (evidence.given() && tofu) {
      throw new ParameterException(spec.commandLine(), "--lock and --approve-first are for trust "
          + "on first use; they do not go with --release or --registry");
    }
    if (!evidence.given() && !tofu) {
      throw new ParameterException(spec.commandLine(), "the default policy verifies against a "
          + "registry: give --registry <url> --name <server> --version <v> --log-key <key>; or "
          + "--release <bundle> --log-key <key> for offline bundles; or --lock <file> to trust "
          + "on first use");
    }
    if (evidence.given()) {
      boolean registry = evidence.registry.given();
      if (!registry && version != null) {
        throw new ParameterException(spec.commandLine(), "--version goes with --registry");
      }
      // offline bundles name their release themselves; the registry is asked for --name@--version
      ReleaseEvidenceOptions.Source source = evidence.source(spec.commandLine(),
          registry ? target.name : null, registry ? version : null, progress);
      return release(source.source(), source.server(), source.evidence());
    }
    if (version != null) {
      throw new ParameterException(spec.commandLine(), "--version goes with --registry");
    }
    String name = target.name != null || url == null ? target.name() : url.toString();
    LockFile lock = new LockFile(target.lock);
    Optional<LockFile.Pin> pin;
    try {
      pin = lock.pinned(name); // a broken lock file stops us here, not in every verification
    } catch (LockFileException e) {
      throw new CommandFailure(ExitCode.REJECTED, VisibleText.of(e.getMessage()), e);
    }
    PinnedManifestVerifier.Policy p = policy == Policy.REJECT_SERVER
        ? PinnedManifestVerifier.Policy.REJECT_SERVER
        : PinnedManifestVerifier.Policy.QUARANTINE_CHANGED;
    return new Trust(new ServerRef(name, GuardTarget.PIN_VERSION),
        new TofuVerifier(lock, name, approveFirst, p, clock),
        // the capabilities of the manifest pinned for the name
        () -> lock.pinned(name).map(pinned -> pinned.manifest().clientCapabilities().tree()),
        pin.map(pinned -> pinned.manifest().protocolVersion()));
  }

  /**
   * Release mode for any {@link ReleaseEvidenceSource} (offline bundle files or a registry): each live manifest, assembled as {@code server}, is checked by
   * verifier-lib's {@link ReleaseManifestVerifier} under the shared policy options.
   */
  private Trust release(ReleaseEvidenceSource source, ServerRef server,
      ReleaseEvidence evidenceRead) throws CommandFailure {
    Main main = (Main) spec.root().userObject();
    VerificationPolicy p = evidence.policy(spec.commandLine(), server,
        policy == Policy.REJECT_SERVER ? VerificationPolicy.MismatchAction.REJECT_SERVER
            : VerificationPolicy.MismatchAction.QUARANTINE_CHANGED,
        line -> main.rawErr.println("toolseal guard: " + line));
    Optional<String> protocolVersion;
    try {
      protocolVersion = ReferenceCapabilities.protocolVersion(evidenceRead);
    } catch (Exception e) {
      protocolVersion = Optional.empty(); // the verifier rejects such a release on its own
    }
    CheckpointStore store = evidence.checkpointStore(spec.commandLine(), main.env,
        line -> main.rawErr.println("toolseal guard: " + line));
    if (TrustSummary.due(evidence.registry.given(), p)) {
      String namespace = server.name().substring(0, Math.max(0, server.name().indexOf('/')));
      TrustSummary.lines(p, namespace, Optional.empty(),
          evidence.checkpointLocation(spec.commandLine(), main.env))
          .forEach(line -> main.rawErr.println("toolseal guard: " + line));
    }
    return new Trust(server, new ReleaseManifestVerifier(source, p, store),
        ReferenceCapabilities.release(source, server),
        protocolVersion);
  }
}
