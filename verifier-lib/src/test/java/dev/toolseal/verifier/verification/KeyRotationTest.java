package dev.toolseal.verifier.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.KeyRevocation;
import dev.toolseal.verifier.attest.KeyRotation;
import dev.toolseal.verifier.bundle.InclusionException;
import dev.toolseal.verifier.bundle.OfflineBundle;
import dev.toolseal.verifier.bundle.TestBundles;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.log.LeafKind;
import dev.toolseal.verifier.log.LogLeaf;
import dev.toolseal.verifier.log.MemoryCheckpointStore;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.verification.VerificationResult.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Key rotations under {@code publisherKeysFromLog()} (docs/design/verification.md). */
class KeyRotationTest {
  private static final SigningKey PUBLISHER = ReleaseScenario.PUBLISHER;
  private static final SigningKey SUCCESSOR = ReleaseScenario.SUCCESSOR;
  private final ReleaseScenario s = new ReleaseScenario();
  private final ToolManifest live = ReleaseScenario.manifest("Adds two numbers.");

  private VerificationResult verify(OfflineBundle release) {
    return ReleaseVerifier.verify(live, s.evidence(release), s.policy().build(),
        new MemoryCheckpointStore());
  }

  private static <T extends Exception> T rejected(VerificationResult r, Class<T> type) {
    assertEquals(Status.REJECTED, r.status(), r.explain());
    assertTrue(r.accepted().isEmpty());
    return assertInstanceOf(type, r.failure().orElseThrow());
  }

  @Test
  void aReleaseByTheNewKeyIsAccepted() {
    s.keyEvents.add(s.rotation(PUBLISHER, SUCCESSOR));
    OfflineBundle next = s.rerelease(SUCCESSOR);
    VerificationResult r = verify(next);
    assertEquals(Status.ACCEPTED, r.status(), r.explain());
    assertEquals(SUCCESSOR.keyId(), r.release().orElseThrow().publisher());
  }

  @Test
  void withoutTheRotationTheNewKeyIsNotTrusted() {
    OfflineBundle next = s.rerelease(SUCCESSOR);
    SignatureRejectedException x = rejected(verify(next), SignatureRejectedException.class);
    assertEquals(SignatureRejectedException.Problem.UNTRUSTED_KEY, x.problem());
  }

  @Test
  void aChainOfRotationsIsFollowedInLogOrder() {
    SigningKey third = KeyPairs.generate();
    s.keyEvents.add(s.rotation(PUBLISHER, SUCCESSOR));
    s.keyEvents.add(s.rotation(SUCCESSOR, third));
    java.util.Collections.reverse(s.keyEvents);
    assertEquals(Status.ACCEPTED, verify(s.rerelease(third)).status());
    KeyRotatedException x = rejected(verify(s.rerelease(SUCCESSOR)), KeyRotatedException.class);
    assertEquals(SUCCESSOR.keyId(), x.keyId());
    assertEquals(third.keyId(), x.newKeyId());
  }

  @Test
  void theOldKeyCannotSignAfterTheRotation() {
    OfflineBundle rotation = s.rotation(PUBLISHER, SUCCESSOR);
    s.keyEvents.add(rotation);
    OfflineBundle late = s.rerelease(PUBLISHER);
    KeyRotatedException x = rejected(verify(late), KeyRotatedException.class);
    assertEquals(PUBLISHER.keyId(), x.keyId());
    assertEquals(SUCCESSOR.keyId(), x.newKeyId());
    assertEquals(rotation.proof().index(), x.rotationIndex());
    assertEquals(late.proof().index(), x.entryIndex());
    assertTrue(x.rotationIndex() < x.entryIndex());
  }

  /**
   * Logs a key binding of {@code key} for the namespace (after everything logged so far), with
   * an ownership proof: these tests are about rotations, not about proofs.
   */
  private OfflineBundle bind(SigningKey key) {
    return s.bind(key, java.util.Optional.of(ReleaseScenario.PROOF));
  }

  /**
   * Bindings are not ordered against rotations (docs/design/verification.md, "Key bindings and
   * rotations"), and need not be: binding the rotated-away key again, after the rotation, does
   * not let it sign again, since a rotation applies to its old key whatever binds it.
   */
  @Test
  void bindingTheOldKeyAgainAfterTheRotationDoesNotRestoreIt() {
    s.keyEvents.add(s.rotation(PUBLISHER, SUCCESSOR));
    s.keyEvents.add(bind(PUBLISHER));
    KeyRotatedException x = rejected(verify(s.rerelease(PUBLISHER)), KeyRotatedException.class);
    assertEquals(PUBLISHER.keyId(), x.keyId());
    assertEquals(Status.ACCEPTED, verify(s.rerelease(SUCCESSOR)).status());
  }

  /**
   * A key bound after a rotation is a bound key like any other (how a namespace recovers, e.g.
   * after a revoked rotation), and it leaves the rotation in force for the old key.
   */
  @Test
  void aKeyBoundAfterTheRotationIsAnotherBoundKey() {
    SigningKey recovery = KeyPairs.generate();
    s.keyEvents.add(s.rotation(PUBLISHER, SUCCESSOR));
    s.keyEvents.add(bind(recovery));
    assertEquals(Status.ACCEPTED, verify(s.rerelease(recovery)).status());
    assertEquals(Status.ACCEPTED, verify(s.rerelease(SUCCESSOR)).status());
    rejected(verify(s.rerelease(PUBLISHER)), KeyRotatedException.class);
  }

  @Test
  void releasesByTheOldKeyBeforeTheRotationStayValid() {
    s.keyEvents.add(s.rotation(PUBLISHER, SUCCESSOR));
    VerificationResult r = verify(s.release);
    assertEquals(Status.ACCEPTED, r.status(), r.explain());
  }

  @Test
  void unlessTheOldKeyWasRevokedAsCompromised() {
    s.keyEvents.add(s.rotation(PUBLISHER, SUCCESSOR));
    s.keyEvents.add(s.revocation(SUCCESSOR, PUBLISHER.keyId(),
        KeyRevocation.Reason.COMPROMISED));
    KeyRevokedException x = rejected(verify(s.release), KeyRevokedException.class);
    assertEquals(PUBLISHER.keyId(), x.keyId());
  }

  @Test
  void aRotationSignedByACompromisedKeyDoesNotTrustItsNewKey() {
    SigningKey thief = KeyPairs.generate();
    OfflineBundle stolen = s.rotation(PUBLISHER, thief);
    s.keyEvents.add(stolen);
    OfflineBundle byThief = s.rerelease(thief);
    assertEquals(Status.ACCEPTED, verify(byThief).status());
    s.keyEvents.add(s.revocation(PUBLISHER, KeyRevocation.Reason.COMPROMISED));
    KeyRevokedException x = rejected(verify(byThief), KeyRevokedException.class);
    assertEquals(PUBLISHER.keyId(), x.keyId());
    assertEquals(stolen.proof().index(), x.entryIndex());
  }

  @Test
  void aRotationBeforeASupersededRevocationStillCounts() {
    s.keyEvents.add(s.rotation(PUBLISHER, SUCCESSOR));
    s.keyEvents.add(s.revocation(PUBLISHER, KeyRevocation.Reason.RETIRED));
    assertEquals(Status.ACCEPTED, verify(s.rerelease(SUCCESSOR)).status());
  }

  @Test
  void aSupersededRevocationAfterTheRotationKeepsOlderReleasesValid() {
    s.keyEvents.add(s.rotation(PUBLISHER, SUCCESSOR));
    s.keyEvents.add(s.revocation(SUCCESSOR, PUBLISHER.keyId(),
        KeyRevocation.Reason.SUPERSEDED));
    assertEquals(Status.ACCEPTED, verify(s.release).status());
    assertEquals(Status.ACCEPTED, verify(s.rerelease(SUCCESSOR)).status());
  }

  @Test
  void aForkedChainIsRejected() {
    SigningKey rival = KeyPairs.generate();
    s.keyEvents.add(s.rotation(PUBLISHER, SUCCESSOR));
    OfflineBundle fork = s.rotation(PUBLISHER, rival);
    s.keyEvents.add(fork);
    for (OfflineBundle release : List.of(s.release, s.rerelease(SUCCESSOR),
        s.rerelease(rival))) {
      SignatureRejectedException x = rejected(verify(release),
          SignatureRejectedException.class);
      assertEquals(LeafKind.KEY_ROTATION, x.role());
      assertEquals(SignatureRejectedException.Problem.UNTRUSTED_KEY, x.problem());
      assertEquals(List.of(SUCCESSOR.keyId()), x.keyIdsTrusted());
      assertTrue(x.keyIdsSeen().contains(rival.keyId()));
    }
  }

  @Test
  void aRotationOfAKeyNeverBoundIsRejected() {
    s.keyEvents.add(s.rotation(ReleaseScenario.INTRUDER, SUCCESSOR));
    SignatureRejectedException x = rejected(verify(s.rerelease(SUCCESSOR)),
        SignatureRejectedException.class);
    assertEquals(LeafKind.KEY_ROTATION, x.role());
    assertEquals(List.of(PUBLISHER.keyId()), x.keyIdsTrusted());
  }

  @Test
  void aRotationWithoutTheNewKeysSignatureIsRejected() {
    KeyRotation r = new KeyRotation(ReleaseScenario.NAMESPACE, PUBLISHER.keyId(),
        SUCCESSOR.verificationKey());
    s.keyEvents.add(s.log(Attestations.sign(r.toStatement(), List.of(PUBLISHER)), PUBLISHER));
    SignatureRejectedException x = rejected(verify(s.rerelease(SUCCESSOR)),
        SignatureRejectedException.class);
    assertEquals(LeafKind.KEY_ROTATION, x.role());
    assertEquals(SignatureRejectedException.Problem.UNTRUSTED_KEY, x.problem());
  }

  @Test
  void aRotationBackToAnUsedKeyIsRejected() {
    s.keyEvents.add(s.rotation(PUBLISHER, SUCCESSOR));
    s.keyEvents.add(s.rotation(SUCCESSOR, PUBLISHER));
    EvidenceRejectedException x = rejected(verify(s.rerelease(PUBLISHER)),
        EvidenceRejectedException.class);
    assertEquals(EvidenceRejectedException.Problem.MALFORMED, x.problem());
  }

  @Test
  void aRotationNotInTheLogIsRejected() throws Exception {
    KeyRotation r = new KeyRotation(ReleaseScenario.NAMESPACE, PUBLISHER.keyId(),
        SUCCESSOR.verificationKey());
    Envelope env = Attestations.sign(r.toStatement(), List.of(PUBLISHER, SUCCESSOR));
    OfflineBundle next = s.rerelease(SUCCESSOR);
    // a valid proof of another entry, presented for a rotation that was never appended
    OfflineBundle unlogged = OfflineBundle.of(env, LogLeaf.describe(env, PUBLISHER.keyId()),
        TestBundles.proof(s.log, next.proof().index(), s.log.size()));
    ReleaseEvidence e = s.evidence(next);
    List<OfflineBundle> events = new java.util.ArrayList<>(e.keyEvents());
    events.add(unlogged);
    VerificationResult result = ReleaseVerifier.verify(live, new ReleaseEvidence(e.release(),
        e.reviews(), events, e.logClient()), s.policy().build(), new MemoryCheckpointStore());
    InclusionException x = rejected(result, InclusionException.class);
    assertEquals(InclusionException.Reason.PROOF_FAILED, x.reason());
  }

  @Test
  void pinnedKeysAreNotMovedByRotations() {
    s.keyEvents.add(s.rotation(PUBLISHER, SUCCESSOR));
    VerificationPolicy pinned = VerificationPolicy.builder(s.log.trust())
        .pinPublisherKey(ReleaseScenario.NAMESPACE, PUBLISHER.verificationKey()).build();
    VerificationResult r = ReleaseVerifier.verify(live, s.evidence(s.rerelease(SUCCESSOR)),
        pinned, new MemoryCheckpointStore());
    assertEquals(SignatureRejectedException.Problem.UNTRUSTED_KEY,
        rejected(r, SignatureRejectedException.class).problem());
  }
}
