package dev.toolseal.verifier.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.attest.DsseSignature;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.KeyRevocation;
import dev.toolseal.verifier.bundle.OfflineBundle;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.log.LeafKind;
import dev.toolseal.verifier.log.MemoryCheckpointStore;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.verification.VerificationResult.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Release yanks (docs/design/verification.md, "Release yank"). */
class ReleaseYankTest {
  private static final SigningKey PUBLISHER = ReleaseScenario.PUBLISHER;
  private static final SigningKey SUCCESSOR = ReleaseScenario.SUCCESSOR;
  private static final String VERSION = ReleaseScenario.SERVER.version();
  private final ReleaseScenario s = new ReleaseScenario();
  private final ToolManifest live = ReleaseScenario.manifest("Adds two numbers.");
  private final Hash digest = s.release.leaf().digest();

  private VerificationResult verify() {
    return ReleaseVerifier.verify(live, s.evidence(), s.policy().build(),
        new MemoryCheckpointStore());
  }

  private static <T extends Exception> T rejected(VerificationResult r, Class<T> type) {
    assertEquals(Status.REJECTED, r.status(), r.explain());
    assertTrue(r.accepted().isEmpty());
    return assertInstanceOf(type, r.failure().orElseThrow());
  }

  @Test
  void aYankedReleaseIsRejectedWithTheYankAndItsReason() {
    OfflineBundle yank = s.yank(PUBLISHER, VERSION, digest);
    s.keyEvents.add(yank);
    ReleaseYankedException x = rejected(verify(), ReleaseYankedException.class);
    assertEquals(PUBLISHER.keyId(), x.signer());
    assertEquals(yank.proof().index(), x.yankIndex());
    assertEquals(digest, x.yank().manifestDigest());
    assertEquals(VERSION, x.yank().name().version());
    assertEquals("leaks tokens to stderr", x.yank().reason());
  }

  @Test
  void aYankByAKeyOutsideTheNamespaceIsIgnored() {
    s.keyEvents.add(s.yank(ReleaseScenario.INTRUDER, VERSION, digest));
    s.keyEvents.add(s.yank(ReleaseScenario.ASSESSORS.get(0), VERSION, digest));
    VerificationResult r = verify();
    assertEquals(Status.ACCEPTED, r.status(), r.explain());
    assertEquals(2, r.reasons().size(), r.explain());
  }

  @Test
  void aYankOfAnotherVersionOrDigestHasNoEffect() {
    s.keyEvents.add(s.yank(PUBLISHER, "1.1.0", digest));
    s.keyEvents.add(s.yank(PUBLISHER, VERSION, digest.flipBit(3)));
    VerificationResult r = verify();
    assertEquals(Status.ACCEPTED, r.status(), r.explain());
  }

  @Test
  void aForgedYankByTheCurrentKeyIsRejected() throws Exception {
    Envelope good = s.yank(PUBLISHER, VERSION, digest).envelope();
    byte[] sig = good.signatures().get(0).sig();
    sig[5] ^= 1;
    Envelope forged = Envelope.of(good.payloadType(), good.payload(),
        List.of(new DsseSignature(PUBLISHER.keyId(), sig)));
    s.keyEvents.add(s.log(forged, PUBLISHER));
    SignatureRejectedException x = rejected(verify(), SignatureRejectedException.class);
    assertEquals(LeafKind.RELEASE_YANK, x.role());
    assertEquals(SignatureRejectedException.Problem.FORGED, x.problem());
  }

  @Test
  void afterARotationOnlyTheNewKeyCanYank() {
    s.keyEvents.add(s.rotation(PUBLISHER, SUCCESSOR));
    s.keyEvents.add(s.yank(PUBLISHER, VERSION, digest));
    assertEquals(Status.ACCEPTED, verify().status());
    s.keyEvents.add(s.yank(SUCCESSOR, VERSION, digest));
    assertEquals(SUCCESSOR.keyId(), rejected(verify(), ReleaseYankedException.class).signer());
  }

  @Test
  void aYankByTheOldKeyBeforeTheRotationStillCounts() {
    s.keyEvents.add(s.yank(PUBLISHER, VERSION, digest));
    s.keyEvents.add(s.rotation(PUBLISHER, SUCCESSOR));
    assertEquals(PUBLISHER.keyId(), rejected(verify(), ReleaseYankedException.class).signer());
  }

  @Test
  void theNewKeyCannotYankBeforeItsRotation() {
    s.keyEvents.add(s.yank(SUCCESSOR, VERSION, digest));
    s.keyEvents.add(s.rotation(PUBLISHER, SUCCESSOR));
    assertEquals(Status.ACCEPTED, verify().status());
  }

  @Test
  void aYankBySupersededKeyStillWithdrawsTheRelease() {
    s.keyEvents.add(s.revocation(PUBLISHER, KeyRevocation.Reason.SUPERSEDED));
    assertEquals(Status.ACCEPTED, verify().status());
    s.keyEvents.add(s.yank(PUBLISHER, VERSION, digest));
    rejected(verify(), ReleaseYankedException.class);
  }

  @Test
  void aCompromisedKeyIsRejectedBeforeItsYankIsConsidered() {
    s.keyEvents.add(s.yank(PUBLISHER, VERSION, digest));
    s.keyEvents.add(s.revocation(PUBLISHER, KeyRevocation.Reason.COMPROMISED));
    rejected(verify(), KeyRevokedException.class);
  }

  @Test
  void aYankOfAnotherServerInTheNamespaceHasNoEffect() throws Exception {
    var other = new dev.toolseal.verifier.attest.ReleaseYank(
        new dev.toolseal.verifier.attest.ReleaseName(ReleaseScenario.NAMESPACE + "/other",
            VERSION), digest, "gone");
    s.keyEvents.add(s.log(dev.toolseal.verifier.attest.Attestations.sign(other.toStatement(),
        List.of(PUBLISHER)), PUBLISHER));
    assertEquals(Status.ACCEPTED, verify().status());
  }
}
