package dev.toolseal.verifier.verification;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.Finding;
import dev.toolseal.verifier.attest.KeyBinding;
import dev.toolseal.verifier.attest.KeyRevocation;
import dev.toolseal.verifier.attest.KeyRotation;
import dev.toolseal.verifier.attest.Ownership;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.ReleaseName;
import dev.toolseal.verifier.attest.ReleaseYank;
import dev.toolseal.verifier.attest.Review;
import dev.toolseal.verifier.bundle.OfflineBundle;
import dev.toolseal.verifier.bundle.TestBundles;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.log.LogClient;
import dev.toolseal.verifier.log.TestLog;
import dev.toolseal.verifier.manifest.ManifestAssembler;
import dev.toolseal.verifier.manifest.ManifestFormat;
import dev.toolseal.verifier.manifest.RawSession;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Real signed material for verifier tests: a log, a publisher with a logged key binding, three
 * assessors, a release of a small MCP server and reviews, all signed with freshly generated keys.
 */
final class ReleaseScenario {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String NAMESPACE = "io.github.acme";
  static final ServerRef SERVER = new ServerRef(NAMESPACE + "/weather", "1.2.0");
  static final SigningKey PUBLISHER = KeyPairs.generate();
  static final SigningKey INTRUDER = KeyPairs.generate();
  /** The key the publisher rotates to. */
  static final SigningKey SUCCESSOR = KeyPairs.generate();
  static final List<SigningKey> ASSESSORS =
      List.of(KeyPairs.generate(), KeyPairs.generate(), KeyPairs.generate());
  /**
   * The proof the publisher's binding carries: a GitHub OIDC proof for {@code acme}. The
   * verifier does not check the token (the registry did, before logging); only its shape.
   */
  static final Ownership PROOF = Ownership.githubOidc("acme",
      "eyJhbGciOiJSUzI1NiJ9.eyJyZXBvc2l0b3J5X293bmVyIjoiYWNtZSJ9.c2lnbmF0dXJl");

  final TestLog log = new TestLog("log.toolseal.test", 21).grow(3);
  final OfflineBundle binding;
  final OfflineBundle release;
  final List<OfflineBundle> reviews = new ArrayList<>();
  final List<OfflineBundle> keyEvents = new ArrayList<>();

  /** The publisher's key bound with {@link #PROOF}. */
  ReleaseScenario() {
    this(Optional.of(PROOF));
  }

  /** The publisher's key bound with {@code proof}, or unproven. */
  ReleaseScenario(Optional<Ownership> proof) {
    this(proof, manifest("Adds two numbers."));
  }

  /** As {@link #ReleaseScenario()}, releasing {@code signed}. */
  ReleaseScenario(ToolManifest signed) {
    this(Optional.of(PROOF), signed);
  }

  private ReleaseScenario(Optional<Ownership> proof, ToolManifest signed) {
    binding = bind(PUBLISHER, proof);
    keyEvents.add(binding);
    log.grow(2);
    release = log(releaseEnvelope(signed, PUBLISHER), PUBLISHER);
    reviews.add(review(ASSESSORS.get(0), Review.Result.PASSED));
    reviews.add(review(ASSESSORS.get(1), Review.Result.PASSED));
    log.grow(4);
  }

  static ToolManifest manifest(String addDescription) {
    return manifest(SERVER, addDescription);
  }

  static ToolManifest manifest(ServerRef server, String addDescription) {
    return manifest(server, addDescription, "Use the tools.");
  }

  static ToolManifest manifest(ServerRef server, String addDescription, String instructions) {
    return manifest(server, addDescription, instructions, JSON.createObjectNode().put("type",
        "object"));
  }

  /** The manifest with {@code add}'s inputSchema pointing at another document. */
  static ToolManifest manifestWithExternalRef() {
    ObjectNode schema = JSON.createObjectNode().put("type", "object");
    schema.putObject("properties").putObject("a").put("$ref",
        "https://attacker.example/schema.json");
    return manifest(SERVER, "Adds two numbers.", "Use the tools.", schema);
  }

  private static ToolManifest manifest(ServerRef server, String addDescription,
      String instructions, ObjectNode addSchema) {
    ObjectNode tools = JSON.createObjectNode();
    ObjectNode add = tools.putArray("tools").addObject();
    add.put("name", "add").put("description", addDescription);
    add.set("inputSchema", addSchema);
    ObjectNode echo = ((com.fasterxml.jackson.databind.node.ArrayNode) tools.get("tools"))
        .addObject();
    echo.put("name", "echo").put("description", "Echoes text.");
    echo.putObject("inputSchema").put("type", "object");
    String init = "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
        + "\"serverInfo\":{\"name\":\"weather\",\"version\":\"1.2.0\"},"
        + "\"instructions\":" + JSON.valueToTree(instructions) + "}";
    try {
      return new ManifestAssembler().assemble(new RawSession(server, "{}", init,
          List.of(tools.toString()), List.of(), List.of(), List.of()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static Envelope releaseEnvelope(ToolManifest m, SigningKey signer) {
    try {
      ObjectNode doc = (ObjectNode) JSON.readTree(ManifestFormat.format(m));
      Release r = new Release(new ReleaseName(m.server().name(), m.server().version()), doc);
      return Attestations.sign(r.toStatement(), List.of(signer));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Logs a review of the release by {@code assessor} and returns its bundle. */
  OfflineBundle review(SigningKey assessor, Review.Result result) {
    Release r;
    try {
      r = Release.fromStatement(dev.toolseal.verifier.attest.Statement.parse(
          release.envelope().payload()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    List<Finding> findings = result == Review.Result.FAILED
        ? List.of(new Finding(Finding.Severity.HIGH, "/tools/0/description",
            "hidden instructions"))
        : List.of();
    Review review = new Review(r.subject(), "https://assessor.example/" + assessor.keyId(),
        Instant.parse("2026-11-01T10:00:00Z"), "mcp://" + SERVER.name(),
        "https://toolseal.dev/policy/v1", Optional.empty(), result, List.of("TOOLSEAL_L1"),
        findings);
    return log(Attestations.sign(review.toStatement(), List.of(assessor)), assessor);
  }

  /** Logs a binding of {@code key} to the namespace, with {@code proof} or unproven. */
  OfflineBundle bind(SigningKey key, Optional<Ownership> proof) {
    return log(Attestations.sign(new KeyBinding(NAMESPACE, key.verificationKey(),
        Optional.empty(), proof).toStatement(), List.of(key)), key);
  }

  OfflineBundle revocation(SigningKey signer, KeyRevocation.Reason reason) {
    return revocation(signer, PUBLISHER.keyId(), reason);
  }

  OfflineBundle revocation(SigningKey signer, dev.toolseal.verifier.keys.KeyId revoked,
      KeyRevocation.Reason reason) {
    KeyRevocation rev = new KeyRevocation(NAMESPACE, revoked, reason, "lost laptop");
    return log(Attestations.sign(rev.toStatement(), List.of(signer)), signer);
  }

  /** Logs a rotation of the namespace from {@code from} to {@code to}, signed by both. */
  OfflineBundle rotation(SigningKey from, SigningKey to) {
    KeyRotation r = new KeyRotation(NAMESPACE, from.keyId(), to.verificationKey());
    return log(Attestations.sign(r.toStatement(), List.of(from, to)), from);
  }

  /** Logs a yank of this server at {@code version} with {@code digest}. */
  OfflineBundle yank(SigningKey signer, String version, dev.toolseal.tlog.Hash digest) {
    ReleaseYank y = new ReleaseYank(new ReleaseName(SERVER.name(), version), digest,
        "leaks tokens to stderr");
    return log(Attestations.sign(y.toStatement(), List.of(signer)), signer);
  }

  /** Logs a release of the original manifest signed by {@code signer}. */
  OfflineBundle rerelease(SigningKey signer) {
    return log(releaseEnvelope(manifest("Adds two numbers."), signer), signer);
  }

  OfflineBundle log(Envelope env, SigningKey authority) {
    return TestBundles.log(log, env, authority.keyId());
  }

  /** All bundles proven against the log's current size. */
  ReleaseEvidence evidence() {
    return evidence(release);
  }

  ReleaseEvidence evidence(OfflineBundle releaseBundle) {
    return new ReleaseEvidence(TestBundles.refresh(log, releaseBundle),
        reviews.stream().map(b -> TestBundles.refresh(log, b)).toList(),
        keyEvents.stream().map(b -> TestBundles.refresh(log, b)).toList(), log.client());
  }

  ReleaseEvidence evidence(LogClient client) {
    ReleaseEvidence e = evidence();
    return new ReleaseEvidence(e.release(), e.reviews(), e.keyEvents(), client);
  }

  VerificationPolicy.Builder policy() {
    return VerificationPolicy.builder(log.trust()).publisherKeysFromLog()
        .requireReviews(2, ASSESSORS.stream().map(SigningKey::verificationKey).toList());
  }
}
