package dev.toolseal.verifier.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.toolseal.verifier.attest.DsseSignature;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.KeyRevocation;
import dev.toolseal.verifier.bundle.OfflineBundle;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.log.MemoryCheckpointStore;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.verification.VerificationResult.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Evidence that verified once is remembered (docs/design/verification.md, "Remembered
 * evidence"); everything outside the remembered checks still rejects afterwards.
 */
class RememberedEvidenceTest {
  private final ReleaseScenario s = new ReleaseScenario();
  private final ToolManifest live = ReleaseScenario.manifest("Adds two numbers.");

  private VerificationResult verify(ReleaseEvidence e, VerificationPolicy p) {
    return ReleaseVerifier.verify(live, e, p, new MemoryCheckpointStore());
  }

  private void acceptedFirst() {
    VerificationResult r = verify(s.evidence(), s.policy().build());
    assertEquals(Status.ACCEPTED, r.status(), r.explain());
  }

  @Test
  void anotherPublisherKeyIsNotServedFromMemory() {
    acceptedFirst();
    VerificationPolicy intruderOnly = VerificationPolicy.builder(s.log.trust())
        .pinPublisherKey(ReleaseScenario.NAMESPACE, ReleaseScenario.INTRUDER.verificationKey())
        .build();
    VerificationResult r = verify(s.evidence(), intruderOnly);
    assertEquals(Status.REJECTED, r.status());
    assertInstanceOf(SignatureRejectedException.class, r.failure().orElseThrow());
  }

  @Test
  void aLaterRevocationStillRejects() {
    acceptedFirst();
    s.keyEvents.add(s.revocation(ReleaseScenario.PUBLISHER, KeyRevocation.Reason.COMPROMISED));
    VerificationResult r = verify(s.evidence(), s.policy().build());
    assertEquals(Status.REJECTED, r.status());
    assertInstanceOf(KeyRevokedException.class, r.failure().orElseThrow());
  }

  @Test
  void aStricterReviewPolicyStillRejects() {
    acceptedFirst();
    VerificationResult r = verify(s.evidence(), s.policy().requireReviews(3,
        ReleaseScenario.ASSESSORS.stream().map(SigningKey::verificationKey).toList()).build());
    assertEquals(Status.REJECTED, r.status());
    assertInstanceOf(ReviewRejectedException.class, r.failure().orElseThrow());
  }

  @Test
  void aForgedCopyOfAVerifiedEnvelopeIsRejected() throws Exception {
    acceptedFirst();
    Envelope good = s.release.envelope();
    byte[] sig = good.signatures().get(0).sig();
    sig[10] ^= 1;
    Envelope forged = Envelope.of(good.payloadType(), good.payload(),
        List.of(new DsseSignature(good.signatures().get(0).keyId(), sig)));
    VerificationResult r = verify(s.evidence(s.log(forged, ReleaseScenario.PUBLISHER)),
        s.policy().build());
    assertEquals(Status.REJECTED, r.status());
    assertEquals(SignatureRejectedException.Problem.FORGED,
        assertInstanceOf(SignatureRejectedException.class, r.failure().orElseThrow()).problem());
  }

  @Test
  void aLaterYankStillRejects() {
    acceptedFirst();
    s.keyEvents.add(s.yank(ReleaseScenario.PUBLISHER, ReleaseScenario.SERVER.version(),
        s.release.leaf().digest()));
    VerificationResult r = verify(s.evidence(), s.policy().build());
    assertEquals(Status.REJECTED, r.status());
    assertInstanceOf(ReleaseYankedException.class, r.failure().orElseThrow());
  }

  @Test
  void aRotationShownLaterStillRejectsTheOldKeysLaterRelease() {
    OfflineBundle rotation = s.rotation(ReleaseScenario.PUBLISHER, ReleaseScenario.SUCCESSOR);
    OfflineBundle late = s.rerelease(ReleaseScenario.PUBLISHER);
    // first shown without the rotation: accepted, and the release's checks remembered
    VerificationResult first = verify(s.evidence(late), s.policy().build());
    assertEquals(Status.ACCEPTED, first.status(), first.explain());
    s.keyEvents.add(rotation);
    VerificationResult r = verify(s.evidence(late), s.policy().build());
    assertEquals(Status.REJECTED, r.status());
    assertInstanceOf(KeyRotatedException.class, r.failure().orElseThrow());
  }

  @Test
  void aRememberedRotationDoesNotHideALaterFork() {
    s.keyEvents.add(s.rotation(ReleaseScenario.PUBLISHER, ReleaseScenario.SUCCESSOR));
    OfflineBundle next = s.rerelease(ReleaseScenario.SUCCESSOR);
    VerificationResult first = verify(s.evidence(next), s.policy().build());
    assertEquals(Status.ACCEPTED, first.status(), first.explain());
    s.keyEvents.add(s.rotation(ReleaseScenario.PUBLISHER, ReleaseScenario.INTRUDER));
    VerificationResult r = verify(s.evidence(next), s.policy().build());
    assertEquals(Status.REJECTED, r.status());
    assertInstanceOf(SignatureRejectedException.class, r.failure().orElseThrow());
  }
}
