package dev.toolseal.verifier.verification;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.verifier.SuccessCache;
import dev.toolseal.verifier.VerificationException;
import dev.toolseal.verifier.attest.AttestationVerificationException;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.PredicateFormatException;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.StatementFormatException;
import dev.toolseal.verifier.attest.Subject;
import dev.toolseal.verifier.bundle.InclusionVerifier;
import dev.toolseal.verifier.bundle.OfflineBundle;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.keys.VerificationKey;
import dev.toolseal.verifier.log.CheckpointStore;
import dev.toolseal.verifier.log.CheckpointTracker;
import dev.toolseal.verifier.log.LeafKind;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.verification.EvidenceRejectedException.Problem;
import dev.toolseal.verifier.verification.VerificationResult.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Verifies a live MCP server against the evidence for its release (docs/design/verification.md):
 *
 * <ol>
 *   <li>the release bundle must be for the live server's name and version;
 *   <li>every bundle's inclusion is proven against a checkpoint signed by a trusted log key (and
 *       witness quorum), and every such checkpoint must be consistent with the newest one stored
 *       for that log, which then moves forward;
 *   <li>the release must be signed by a publisher key of its namespace (pinned, or bound in the
 *       log and followed through its logged rotations) that is not revoked or rotated away for
 *       it, and must not be yanked by the namespace's current key;
 *   <li>the required reviews must be there (k of n trusted assessors PASSED, none FAILED);
 *   <li>the live manifest is compared with the signed one entry by entry.
 * </ol>
 *
 * {@link #verifyRelease} does 1-4 and throws a typed {@link VerificationException} with evidence;
 * {@link #verify} does all five and never throws for a verification failure: any failure,
 * including an unexpected exception, becomes a {@link VerificationResult.Status#REJECTED} result.
 */
public final class ReleaseVerifier {

  /** A release envelope whose signature by one publisher key verified, with its manifest. */
  private record SignedRelease(Subject subject, ToolManifest manifest, Hash digest) {}

  private record ReleaseKey(Hash envelopeDigest, VerificationKey publisher) {}

  /**
   * Verified release envelopes, keyed by envelope digest and the publisher key that verified
   * them (docs/design/verification.md, "Remembered evidence"). A manifest can be megabytes, so
   * at most 32 are kept.
   */
  private static final SuccessCache<ReleaseKey, SignedRelease> SIGNED_RELEASES =
      new SuccessCache<>(32);

  private ReleaseVerifier() {}

  /** Verifies {@code live} against {@code evidence}; fails closed. */
  public static VerificationResult verify(ToolManifest live, ReleaseEvidence evidence,
      VerificationPolicy policy, CheckpointStore store) {
    List<Reason> notes = new ArrayList<>();
    VerifiedRelease release;
    try {
      release = verifyRelease(live.server(), evidence, policy, store,
          n -> notes.add(new Reason(Optional.empty(), n)));
    } catch (VerificationException e) {
      return rejected(live, e, notes);
    } catch (IOException e) {
      return rejected(live, new EvidenceRejectedException(Problem.LOG_UNAVAILABLE,
          "could not read the checkpoint store or fetch a consistency proof ("
          + e.getMessage() + "); try again when the log is reachable", e), notes);
    } catch (RuntimeException | StackOverflowError e) {
      return rejected(live, new EvidenceRejectedException(Problem.INTERNAL_ERROR,
          "verification failed unexpectedly (" + e.getClass().getSimpleName()
          + "); the server is refused", e), notes);
    }
    try {
      return ManifestComparison.compare(release, live, policy.onMismatch(), notes);
    } catch (RuntimeException | StackOverflowError e) {
      return rejected(live, new EvidenceRejectedException(Problem.INTERNAL_ERROR,
          "comparing the live server with the release failed unexpectedly; the server is "
          + "refused", e), notes);
    }
  }

  /** Checks steps 1-4 for the release of {@code server}. */
  public static VerifiedRelease verifyRelease(ServerRef server, ReleaseEvidence evidence,
      VerificationPolicy policy, CheckpointStore store)
      throws VerificationException, IOException {
    return verifyRelease(server, evidence, policy, store, n -> { });
  }

  private static VerifiedRelease verifyRelease(ServerRef server, ReleaseEvidence evidence,
      VerificationPolicy policy, CheckpointStore store, Consumer<String> notes)
      throws VerificationException, IOException {
    OfflineBundle rel = evidence.release();
    String wanted = server.name() + "@" + server.version();
    if (rel.leaf().kind() != LeafKind.RELEASE) {
      throw new EvidenceRejectedException(Problem.MALFORMED, "the release bundle for " + wanted
          + " holds a " + rel.leaf().kind().wireName() + ", not a release", null);
    }
    if (!rel.leaf().name().equals(server.name())
        || !rel.leaf().version().equals(server.version())) {
      throw new EvidenceRejectedException(Problem.WRONG_RELEASE, "the server says it is "
          + wanted + " but the release evidence is for " + Signatures.subject(rel)
          + "; fetch the release for the version the server runs", null);
    }
    Map<OfflineBundle, SignedCheckpoint> included = checkLog(evidence, policy, store);
    String namespace = namespace(server.name());
    KeyEvents keys = KeyEvents.read(namespace, policy, evidence.keyEvents(),
        policy.assessors().values());
    SignedRelease release = checkPublisher(rel, keys, namespace);
    ToolManifest signed = manifest(release, server, rel);
    Yanks.requireNotYanked(release.subject(), namespace, evidence.keyEvents(), keys.chain(),
        notes);
    SortedSet<KeyId> passed = Reviews.check(release.subject(), evidence.reviews(), policy, keys,
        notes);
    return new VerifiedRelease(signed, rel.keyHint(), rel.proof().index(), included.get(rel),
        passed, keys.proofOf(rel.keyHint()));
  }

  /** Step 2: inclusion of every bundle, then consistency of every checkpoint, largest first. */
  private static Map<OfflineBundle, SignedCheckpoint> checkLog(ReleaseEvidence evidence,
      VerificationPolicy policy, CheckpointStore store)
      throws VerificationException, IOException {
    Map<OfflineBundle, SignedCheckpoint> included = new LinkedHashMap<>();
    for (OfflineBundle b : evidence.all()) {
      included.put(b, InclusionVerifier.verify(b, policy.logTrust()));
    }
    List<SignedCheckpoint> checkpoints = new ArrayList<>(included.values());
    checkpoints.sort(Comparator.comparingLong(
        (SignedCheckpoint c) -> c.checkpoint().size()).reversed());
    CheckpointTracker tracker = new CheckpointTracker(policy.logTrust(), store,
        evidence.logClient());
    List<String> seen = new ArrayList<>();
    for (SignedCheckpoint c : checkpoints) {
      String id = c.checkpoint().origin() + "\n" + c.checkpoint().size() + "\n"
          + c.checkpoint().root();
      if (!seen.contains(id)) {
        seen.add(id);
        tracker.observe(c.signedNote());
      }
    }
    return included;
  }

  /** Step 3: the release is signed by an unrevoked publisher key of its namespace. */
  private static SignedRelease checkPublisher(OfflineBundle rel, KeyEvents keys,
      String namespace)
      throws VerificationException {
    Map<KeyId, VerificationKey> publishers = keys.publisherKeys();
    List<KeyId> trusted = List.copyOf(publishers.keySet());
    if (!publishers.containsKey(rel.keyHint())) {
      keys.requireNotOnlyUnproven(rel.keyHint(), "release " + Signatures.subject(rel));
    }
    if (publishers.isEmpty()) {
      throw new EvidenceRejectedException(Problem.NO_PUBLISHER_KEY, "no publisher key is "
          + "trusted for namespace " + namespace + ": pin one in the policy or supply the "
          + "namespace's logged key binding", null);
    }
    VerificationKey key = publishers.get(rel.keyHint());
    if (key == null) {
      throw Signatures.untrusted(LeafKind.RELEASE, rel, trusted);
    }
    keys.requireNotRevoked(key.keyId(), rel, "release " + Signatures.subject(rel));
    keys.requireNotRotated(key.keyId(), rel, "release " + Signatures.subject(rel));
    keys.requireAncestryNotRevoked(key.keyId(), rel, "release " + Signatures.subject(rel));
    return SIGNED_RELEASES.get(new ReleaseKey(rel.envelope().envelopeDigest(), key),
        () -> signedRelease(rel, key, trusted));
  }

  /** Signature, statement, predicate and manifest of a release envelope: pure in its key. */
  private static SignedRelease signedRelease(OfflineBundle rel, VerificationKey key,
      List<KeyId> trusted) throws VerificationException {
    Release release;
    try {
      release = Attestations.verifyRelease(rel.envelope(), key).value();
    } catch (AttestationVerificationException e) {
      throw Signatures.rejected(LeafKind.RELEASE, rel, trusted, e);
    } catch (StatementFormatException | PredicateFormatException e) {
      throw new EvidenceRejectedException(Problem.MALFORMED,
          "the release attestation is not a release statement", e);
    }
    ToolManifest signed;
    try {
      // the statement was read strictly (UTF-8, no duplicate keys): the tree needs no re-parse
      signed = release.toolManifest();
    } catch (ManifestException e) {
      throw new EvidenceRejectedException(Problem.MALFORMED,
          "the signed release does not hold a valid tool manifest", e);
    }
    // the signed document is normally the manifest's stored form: its digest is then known
    Hash digest = release.digestIsOf(signed) ? release.manifestDigest() : signed.digest();
    return new SignedRelease(release.subject(), signed, digest);
  }

  private static ToolManifest manifest(SignedRelease release, ServerRef server,
      OfflineBundle rel) throws VerificationException {
    ToolManifest signed = release.manifest();
    if (!signed.server().equals(server)) {
      throw new EvidenceRejectedException(Problem.WRONG_RELEASE, "the signed manifest is for "
          + signed.server().name() + "@" + signed.server().version() + ", not "
          + server.name() + "@" + server.version(), null);
    }
    if (!release.digest().equals(rel.leaf().digest())) {
      throw new EvidenceRejectedException(Problem.MALFORMED, "the signed manifest's digest "
          + release.digest() + " differs from the logged digest " + rel.leaf().digest(), null);
    }
    return signed;
  }

  /** The namespace of a registry server name: the part before the first '/'. */
  static String namespace(String serverName) throws EvidenceRejectedException {
    int slash = serverName.indexOf('/');
    if (slash <= 0) {
      throw new EvidenceRejectedException(Problem.MALFORMED, "server name " + serverName
          + " has no namespace (expected <namespace>/<name>)", null);
    }
    return serverName.substring(0, slash);
  }

  private static VerificationResult rejected(ToolManifest live, VerificationException e,
      List<Reason> notes) {
    List<Reason> reasons = new ArrayList<>();
    reasons.add(new Reason(Optional.empty(), live.server().name() + "@"
        + live.server().version() + " is refused: " + e.getMessage()));
    reasons.addAll(notes);
    return new VerificationResult(VerificationResult.Status.REJECTED, new TreeSet<>(),
        new TreeSet<>(live.entries().keySet()), reasons, Optional.of(e), Optional.empty(),
        Optional.empty());
  }
}
