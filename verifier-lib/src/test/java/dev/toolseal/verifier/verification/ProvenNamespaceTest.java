package dev.toolseal.verifier.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.KeyBinding;
import dev.toolseal.verifier.attest.KeyRevocation;
import dev.toolseal.verifier.attest.Ownership;
import dev.toolseal.verifier.attest.Statement;
import dev.toolseal.verifier.bundle.OfflineBundle;
import dev.toolseal.verifier.bundle.TestBundles;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.log.LogTrust;
import dev.toolseal.verifier.log.MemoryCheckpointStore;
import dev.toolseal.verifier.log.TestLog;
import dev.toolseal.verifier.verification.VerificationResult.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Ownership proofs under {@code LOGGED} publisher trust (docs/design/roots-of-trust.md, section
 * 2): an unproven binding counts only when asked for by name, and a binding logged after a
 * revocation of a key of its namespace counts only with a proof.
 */
class ProvenNamespaceTest {
  private static final SigningKey PUBLISHER = ReleaseScenario.PUBLISHER;
  private static final SigningKey THIEF = KeyPairs.generate();

  private static VerificationResult verify(ReleaseScenario s, OfflineBundle release,
      VerificationPolicy policy) {
    return ReleaseVerifier.verify(ReleaseScenario.manifest("Adds two numbers."),
        s.evidence(release), policy, new MemoryCheckpointStore());
  }

  private static VerificationPolicy byDefault(ReleaseScenario s) {
    return s.policy().build();
  }

  private static VerificationPolicy firstCome(ReleaseScenario s) {
    return s.policy().acceptUnprovenBindings().build();
  }

  @Test
  void anUnprovenBindingIsNotTrustedByDefault() {
    ReleaseScenario s = new ReleaseScenario(Optional.empty());
    VerificationResult r = verify(s, s.release, byDefault(s));
    assertEquals(Status.REJECTED, r.status(), r.explain());
    assertTrue(r.accepted().isEmpty());
    UnprovenBindingException x = (UnprovenBindingException) r.failure().orElseThrow();
    assertEquals(ReleaseScenario.NAMESPACE, x.namespace());
    assertEquals(PUBLISHER.keyId(), x.keyId());
    assertEquals(s.binding.proof().index(), x.bindingIndex());
    assertTrue(x.revocationIndex().isEmpty());
  }

  @Test
  void anUnprovenBindingCountsWhenFirstComeIsAskedFor() {
    ReleaseScenario s = new ReleaseScenario(Optional.empty());
    VerificationResult r = verify(s, s.release, firstCome(s));
    assertEquals(Status.ACCEPTED, r.status(), r.explain());
    assertTrue(r.release().orElseThrow().publisherProof().isEmpty());
  }

  @Test
  void aProvenBindingCountsByDefaultAndTheResultSaysHowItWasProven() {
    ReleaseScenario s = new ReleaseScenario();
    VerificationResult r = verify(s, s.release, byDefault(s));
    assertEquals(Status.ACCEPTED, r.status(), r.explain());
    assertEquals(ReleaseScenario.PROOF, r.release().orElseThrow().publisherProof().orElseThrow());
  }

  /** A key reached by rotation counts through the proof of the binding its chain started at. */
  @Test
  void aRotatedKeyCarriesTheProofOfItsChainsBinding() {
    ReleaseScenario s = new ReleaseScenario();
    s.keyEvents.add(s.rotation(PUBLISHER, ReleaseScenario.SUCCESSOR));
    VerificationResult r = verify(s, s.rerelease(ReleaseScenario.SUCCESSOR), byDefault(s));
    assertEquals(Status.ACCEPTED, r.status(), r.explain());
    assertEquals(ReleaseScenario.PROOF, r.release().orElseThrow().publisherProof().orElseThrow());
  }

  /**
   * The takeover: whoever holds the namespace's key revokes it as {@code retired} (signed by
   * that key, so the revocation counts) and binds a key of their own without a proof.
   */
  @Test
  void aBindingAfterARevocationWithoutAProofIsRefusedEvenUnderFirstCome() {
    ReleaseScenario s = new ReleaseScenario();
    OfflineBundle revoked = s.revocation(PUBLISHER, KeyRevocation.Reason.RETIRED);
    s.keyEvents.add(revoked);
    OfflineBundle stolen = s.bind(THIEF, Optional.empty());
    s.keyEvents.add(stolen);
    OfflineBundle release = s.rerelease(THIEF);
    for (VerificationPolicy policy : new VerificationPolicy[] {byDefault(s), firstCome(s)}) {
      VerificationResult r = verify(s, release, policy);
      assertEquals(Status.REJECTED, r.status(), r.explain());
      UnprovenBindingException x = (UnprovenBindingException) r.failure().orElseThrow();
      assertEquals(THIEF.keyId(), x.keyId());
      assertEquals(stolen.proof().index(), x.bindingIndex());
      assertEquals(revoked.proof().index(), x.revocationIndex().orElseThrow());
      assertEquals(PUBLISHER.keyId(), x.revokedKeyId().orElseThrow());
    }
  }

  /**
   * The takeover through a rotation: the unproven key rotates to another key, which signs. The
   * rotation is by a key the chain does not hold, which rejects the verification, and the failure
   * says that the binding lacked a proof.
   */
  @Test
  void aRotationByAKeyWhoseBindingDoesNotCountIsRefusedWithTheReason() {
    ReleaseScenario s = new ReleaseScenario();
    OfflineBundle revoked = s.revocation(PUBLISHER, KeyRevocation.Reason.RETIRED);
    s.keyEvents.add(revoked);
    OfflineBundle stolen = s.bind(THIEF, Optional.empty());
    s.keyEvents.add(stolen);
    SigningKey next = KeyPairs.generate();
    s.keyEvents.add(s.rotation(THIEF, next));
    VerificationResult r = verify(s, s.rerelease(next), firstCome(s));
    assertEquals(Status.REJECTED, r.status(), r.explain());
    UnprovenBindingException x = (UnprovenBindingException) r.failure().orElseThrow();
    assertEquals(THIEF.keyId(), x.keyId());
    assertEquals(stolen.proof().index(), x.bindingIndex());
    assertEquals(revoked.proof().index(), x.revocationIndex().orElseThrow());
    assertTrue(x.getCause() instanceof SignatureRejectedException);
  }

  /** The same binding carrying a proof is how a namespace recovers; it counts. */
  @Test
  void aBindingAfterARevocationWithAProofCounts() {
    ReleaseScenario s = new ReleaseScenario();
    s.keyEvents.add(s.revocation(PUBLISHER, KeyRevocation.Reason.RETIRED));
    SigningKey recovery = KeyPairs.generate();
    s.keyEvents.add(s.bind(recovery, Optional.of(ReleaseScenario.PROOF)));
    OfflineBundle release = s.rerelease(recovery);
    assertEquals(Status.ACCEPTED, verify(s, release, byDefault(s)).status());
    assertEquals(Status.ACCEPTED, verify(s, release, firstCome(s)).status());
  }

  /**
   * Any revocation in the namespace taints later unproven bindings, also one the verifier does
   * not count as a revocation (signed by a key it does not know): it was logged for the
   * namespace, so the registry treated the namespace as having had a revoked key.
   */
  @Test
  void aBindingAfterAnyRevocationOfTheNamespaceNeedsAProof() {
    ReleaseScenario s = new ReleaseScenario(Optional.empty());
    SigningKey other = KeyPairs.generate();
    OfflineBundle revoked = s.revocation(other, other.keyId(), KeyRevocation.Reason.SUPERSEDED);
    s.keyEvents.add(revoked);
    SigningKey second = KeyPairs.generate();
    OfflineBundle late = s.bind(second, Optional.empty());
    s.keyEvents.add(late);
    VerificationResult r = verify(s, s.rerelease(second), firstCome(s));
    UnprovenBindingException x = (UnprovenBindingException) r.failure().orElseThrow();
    assertEquals(late.proof().index(), x.bindingIndex());
    assertEquals(revoked.proof().index(), x.revocationIndex().orElseThrow());
    // the first binding, logged before the revocation, still counts under first-come
    assertEquals(Status.ACCEPTED, verify(s, s.release, firstCome(s)).status());
  }

  /**
   * Order across logs is unknown, so a revocation in another log counts as before the binding,
   * even at a larger index there than the binding's.
   */
  @Test
  void aRevocationInAnotherLogCountsAsBeforeTheBinding() {
    ReleaseScenario s = new ReleaseScenario();
    TestLog other = new TestLog("other.toolseal.test", 33).grow(40);
    Envelope env = Attestations.sign(new KeyRevocation(ReleaseScenario.NAMESPACE,
        PUBLISHER.keyId(), KeyRevocation.Reason.RETIRED, "moved").toStatement(),
        List.of(PUBLISHER));
    OfflineBundle revoked = TestBundles.log(other, env, PUBLISHER.keyId());
    OfflineBundle stolen = s.bind(THIEF, Optional.empty());
    s.keyEvents.add(stolen);
    assertTrue(stolen.proof().index() < revoked.proof().index());
    OfflineBundle release = s.rerelease(THIEF);
    ReleaseEvidence e = s.evidence(release);
    List<OfflineBundle> events = new ArrayList<>(e.keyEvents());
    events.add(revoked);
    VerificationPolicy policy = VerificationPolicy.builder(new LogTrust(
        List.of(s.log.key().verifier(), other.key().verifier()), List.of(), 0))
        .publisherKeysFromLog().acceptUnprovenBindings()
        .requireReviews(2, ReleaseScenario.ASSESSORS.stream().map(SigningKey::verificationKey)
            .toList()).build();
    VerificationResult r = ReleaseVerifier.verify(ReleaseScenario.manifest("Adds two numbers."),
        new ReleaseEvidence(e.release(), e.reviews(), events, e.logClient()), policy,
        new MemoryCheckpointStore());
    assertEquals(Status.REJECTED, r.status(), r.explain());
    UnprovenBindingException x = (UnprovenBindingException) r.failure().orElseThrow();
    assertEquals(stolen.proof().index(), x.bindingIndex());
    assertEquals(revoked.proof().index(), x.revocationIndex().orElseThrow());
  }

  /**
   * A proof for another owner does not prove this namespace: the logged binding is malformed
   * and rejects the verification (it cannot be read as an unproven binding either).
   */
  @Test
  void aBindingWhoseProofCoversAnotherNamespaceIsRejected() throws Exception {
    ReleaseScenario s = new ReleaseScenario();
    SigningKey other = KeyPairs.generate();
    Statement honest = new KeyBinding(ReleaseScenario.NAMESPACE, other.verificationKey(),
        Optional.empty(), Optional.of(ReleaseScenario.PROOF)).toStatement();
    ObjectNode p = honest.predicate();
    ((ObjectNode) p.get("ownership")).put("owner", "someone-else");
    Statement forged = Statement.of(honest.subjects().get(0), KeyBinding.PREDICATE_TYPE, p);
    s.keyEvents.add(s.log(Attestations.sign(forged, List.of(other)), other));
    for (VerificationPolicy policy : new VerificationPolicy[] {byDefault(s), firstCome(s)}) {
      VerificationResult r = verify(s, s.rerelease(other), policy);
      assertEquals(Status.REJECTED, r.status(), r.explain());
      EvidenceRejectedException x = (EvidenceRejectedException) r.failure().orElseThrow();
      assertEquals(EvidenceRejectedException.Problem.MALFORMED, x.problem());
    }
  }

  /** The unproven-binding rule is for LOGGED trust only: pinned keys are the user's choice. */
  @Test
  void pinnedKeysNeedNoProof() {
    ReleaseScenario s = new ReleaseScenario(Optional.empty());
    VerificationPolicy pinned = VerificationPolicy.builder(s.log.trust())
        .pinPublisherKey(ReleaseScenario.NAMESPACE, PUBLISHER.verificationKey()).build();
    assertEquals(Status.ACCEPTED, verify(s, s.release, pinned).status());
  }
}
