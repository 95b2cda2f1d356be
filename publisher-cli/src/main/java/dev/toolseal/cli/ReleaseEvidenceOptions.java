package dev.toolseal.cli;

import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.Statement;
import dev.toolseal.verifier.bundle.BundleException;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.keys.VerificationKey;
import dev.toolseal.verifier.log.CheckpointStore;
import dev.toolseal.verifier.log.LogClient;
import dev.toolseal.verifier.log.MemoryCheckpointStore;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.registry.RegistryClient;
import dev.toolseal.verifier.registry.RegistryEvidence;
import dev.toolseal.verifier.verification.OfflineEvidenceFiles;
import dev.toolseal.verifier.verification.ReleaseEvidence;
import dev.toolseal.verifier.verification.ReleaseEvidenceSource;
import dev.toolseal.verifier.verification.VerificationPolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Release evidence and the trust policy it is checked under, as a picocli mixin shared by {@code
 * verify} and {@code guard}: either offline bundles (the release bundle, reviews, key events) or
 * a registry that serves them, plus trusted log keys, pinned publisher keys, required reviews and
 * the checkpoint directory.
 */
final class ReleaseEvidenceOptions {
  @Mixin
  RegistryOptions registry = new RegistryOptions();

  @Option(names = {"--bundle", "--release"}, paramLabel = "<release.bundle.json>",
      description = "The release's offline Sigstore bundle.")
  Path release;

  @Option(names = "--review", paramLabel = "<bundle>",
      description = "A review bundle (repeatable).")
  List<Path> reviews = new ArrayList<>();

  @Option(names = "--key-event", paramLabel = "<bundle>",
      description = "A key-binding, rotation or revocation bundle (repeatable).")
  List<Path> keyEvents = new ArrayList<>();

  @Option(names = "--log-key", paramLabel = "<verifier key>",
      description = "A trusted log's note verifier key, name+hexid+base64 (repeatable).")
  List<String> logKeys = new ArrayList<>();

  @Mixin
  WitnessOptions witnessOptions = new WitnessOptions();

  @Option(names = "--publisher-key", paramLabel = "<pub.pem>",
      description = "Pin this publisher key for the server's namespace (repeatable); without "
          + "it, keys bound to the namespace in the log are trusted.")
  List<Path> publisherKeys = new ArrayList<>();

  @Option(names = "--accept-unproven-namespaces",
      description = "With keys from the log, also trust key bindings that carry no ownership "
          + "proof (whoever bound the namespace first). A binding logged after a revocation in "
          + "its namespace still needs a proof.")
  boolean acceptUnprovenNamespaces;

  @Option(names = "--require-reviews", paramLabel = "<k>", defaultValue = "0",
      description = "PASSED reviews needed from distinct --assessor-key keys (default 0).")
  int requiredReviews;

  @Option(names = {"--assessor-key", "--trust-assessor"}, paramLabel = "<pem>",
      description = "An assessor whose reviews count (repeatable).")
  List<Path> assessorKeys = new ArrayList<>();

  @Option(names = "--checkpoints", paramLabel = "<dir>",
      description = "Directory remembering the newest log checkpoint seen and any fork "
          + "evidence (default: $XDG_STATE_HOME/toolseal/checkpoints, else "
          + "$HOME/.local/state/toolseal/checkpoints).")
  Path checkpoints;

  @Option(names = "--checkpoints-in-memory",
      description = "Remember checkpoints for this run only: a log that forks between runs is "
          + "not caught.")
  boolean checkpointsInMemory;

  /** Whether release evidence was named: a release bundle or a registry. */
  boolean given() {
    return release != null || registry.given();
  }

  /**
   * Where the evidence comes from, the release it is about, and the evidence as read now (so
   * missing or refused evidence stops the command before any server is started).
   */
  record Source(ReleaseEvidenceSource source, ServerRef server, ReleaseEvidence evidence) {}

  /**
   * The evidence source: {@code --registry} (needs {@code name} and {@code version}) or the
   * offline bundle files (the release is {@code name}/{@code version}, else the bundle's subject).
   */
  Source source(CommandLine cl, String name, String version, Consumer<String> progress)
      throws CommandFailure {
    if (release != null && registry.given()) {
      throw new ParameterException(cl, "give either --bundle (offline evidence) or --registry");
    }
    if (!registry.given()) {
      OfflineEvidenceFiles files = files(cl);
      ReleaseEvidence evidence = read(files);
      return new Source(files, subject(cl, evidence, name, version), evidence);
    }
    if (name == null || version == null || !reviews.isEmpty() || !keyEvents.isEmpty()) {
      throw new ParameterException(cl, "with --registry give --name and --version, and no "
          + "--review or --key-event");
    }
    if (logKeys.isEmpty()) {
      throw new ParameterException(cl, "give at least one --log-key");
    }
    ServerRef server;
    try {
      server = new ServerRef(name, version);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cl, "bad --name or --version: " + e.getMessage());
    }
    RegistryClient client = registry.client(cl);
    List<KeyId> assessors = new ArrayList<>();
    for (VerificationKey k : keys(assessorKeys)) {
      assessors.add(k.keyId());
    }
    // the key events of the trusted assessors' namespaces, so their revocations apply
    RegistryEvidence source = new RegistryEvidence(client, assessors);
    progress.accept("fetching the evidence for " + VisibleText.of(name) + "@"
        + VisibleText.of(version) + " from " + client.base() + " ...");
    try {
      return new Source(source, server, source.evidenceFor(server));
    } catch (IOException e) {
      throw RegistryOptions.failure("fetching the release evidence", e);
    } catch (BundleException e) {
      throw new CommandFailure(ExitCode.REJECTED, "a bundle from the registry was rejected: "
          + VisibleText.of(String.valueOf(e.getMessage())), e);
    }
  }

  /** The evidence files; a usage error without a release bundle and a log key. */
  OfflineEvidenceFiles files(CommandLine cl) {
    if (release == null || logKeys.isEmpty()) {
      throw new ParameterException(cl, "give the release bundle (--bundle) and at least one "
          + "--log-key");
    }
    try {
      return new OfflineEvidenceFiles(release, reviews, keyEvents, LogClient.none());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cl, e.getMessage());
    }
  }

  /** Reads the evidence now: exit 4 for an unreadable file, 3 for a refused bundle. */
  static ReleaseEvidence read(OfflineEvidenceFiles files) throws CommandFailure {
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

  /**
   * {@code name}/{@code version} when given, else the release bundle's own subject (which the
   * verifier checks against the signed release anyway).
   */
  static ServerRef subject(CommandLine cl, ReleaseEvidence evidence, String name, String version)
      throws CommandFailure {
    try {
      if (name != null) {
        return new ServerRef(name, version);
      }
      Release r = Release.fromStatement(Statement.parse(evidence.release().envelope().payload()));
      return new ServerRef(r.name().serverName(), r.name().version());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cl, "bad --name or --version: " + e.getMessage());
    } catch (Exception e) {
      throw new CommandFailure(ExitCode.REJECTED, "the release bundle holds no readable "
          + "release: " + VisibleText.of(String.valueOf(e.getMessage())), e);
    }
  }

  /**
   * The policy for {@code server}: trusted logs, publisher keys, reviews, mismatch action. That
   * unproven bindings are accepted is said on {@code say}.
   */
  VerificationPolicy policy(CommandLine cl, ServerRef server,
      VerificationPolicy.MismatchAction onMismatch, Consumer<String> say) throws CommandFailure {
    VerificationPolicy.Builder policy =
        VerificationPolicy.builder(LogKeys.trust(cl, logKeys, witnessOptions));
    List<VerificationKey> publishers = keys(publisherKeys);
    List<VerificationKey> assessors = keys(assessorKeys);
    if (requiredReviews < 0 || requiredReviews > assessors.size()) {
      throw new ParameterException(cl,
          "--require-reviews must be between 0 and the number of --assessor-key keys");
    }
    if (publishers.isEmpty()) {
      policy.publisherKeysFromLog();
      if (acceptUnprovenNamespaces) {
        policy.acceptUnprovenBindings();
        say.accept("key bindings without an ownership proof are trusted "
            + "(--accept-unproven-namespaces): whoever bound a namespace first holds it");
      }
    } else {
      if (acceptUnprovenNamespaces) {
        throw new ParameterException(cl, "--accept-unproven-namespaces is for keys from the "
            + "log; it does not go with --publisher-key");
      }
      String namespace = server.name().substring(0, Math.max(0, server.name().indexOf('/')));
      if (namespace.isEmpty()) {
        throw new CommandFailure(ExitCode.REJECTED, "server name "
            + VisibleText.of(server.name()) + " has no namespace to pin keys for");
      }
      publishers.forEach(k -> policy.pinPublisherKey(namespace, k));
    }
    policy.requireReviews(requiredReviews, assessors);
    policy.onMismatch(onMismatch);
    return policy.build();
  }

  /**
   * Where the newest checkpoint per log is kept: {@code --checkpoints}, the user's state
   * directory, or (asked for by name, and said on {@code say}) memory.
   */
  CheckpointStore checkpointStore(CommandLine cl, Map<String, String> env, Consumer<String> say)
      throws CommandFailure {
    if (checkpointsInMemory) {
      if (checkpoints != null) {
        throw new ParameterException(cl, "give --checkpoints or --checkpoints-in-memory, not "
            + "both");
      }
      say.accept("checkpoints are kept in memory only (--checkpoints-in-memory): a log that "
          + "forks between runs is not caught");
      return new MemoryCheckpointStore();
    }
    Path dir = CheckpointDirectory.resolve(cl, env, checkpoints);
    return CheckpointDirectory.announcingFirstUse(CheckpointDirectory.open(dir), say);
  }

  /** Where checkpoints are remembered, for people: "in <dir>" or "in memory only". */
  String checkpointLocation(CommandLine cl, Map<String, String> env) {
    return checkpointsInMemory ? "in memory only (--checkpoints-in-memory)"
        : "in " + CheckpointDirectory.resolve(cl, env, checkpoints);
  }

  private static List<VerificationKey> keys(List<Path> files) throws CommandFailure {
    List<VerificationKey> keys = new ArrayList<>();
    for (Path p : files) {
      keys.add(Inputs.verificationKey(p));
    }
    return keys;
  }
}
