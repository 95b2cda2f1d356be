package dev.toolseal.verifier.attest;

import static dev.toolseal.verifier.attest.Fixtures.OTHER;
import static dev.toolseal.verifier.attest.Fixtures.THIRD;
import static dev.toolseal.verifier.attest.Fixtures.key;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.attest.AttestationVerificationException.Reason;
import dev.toolseal.verifier.keys.KeyAlgorithm;
import dev.toolseal.verifier.keys.SigningKey;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class AttestationsTest {
  private static final String NS = "io.github.acme";

  private static Review review(Release r, Review.Result result) {
    return new Review(r.subject(), "https://assessor.example/v1", Instant.parse(
        "2026-11-25T13:00:00Z"), "toolseal:" + r.name(), "https://toolseal.dev/policy/basic/v1",
        Optional.of(Hash.fromHex("cd".repeat(32))), result, List.of("TOOLSEAL_REVIEWED_L1"),
        List.of(new Finding(Finding.Severity.HIGH, "/tools/0/description",
            "asks the model to read ~/.ssh")));
  }

  private static Reason reason(ThrowingRunnable r) {
    return assertThrows(AttestationVerificationException.class, r::run).reason();
  }

  interface ThrowingRunnable {
    void run() throws Exception;
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void releaseRoundTrip(KeyAlgorithm alg) throws Exception {
    SigningKey k = key(alg);
    Release r = Fixtures.release();
    Envelope e = Envelope.parse(Attestations.sign(r.toStatement(), List.of(k)).toJson());
    Verified<Release> v = Attestations.verifyRelease(e, k.verificationKey());
    assertEquals(r.name(), v.value().name());
    assertEquals(r.manifestDigest(), v.value().manifestDigest());
    assertEquals(e.envelopeDigest(), v.envelopeDigest());
    assertEquals(Reason.NO_TRUSTED_SIGNATURE,
        reason(() -> Attestations.verifyRelease(e, OTHER.verificationKey())));
  }

  @Test
  void manifestDigestIsSha256OfJcsSoLayoutDoesNotMatter() {
    ObjectNode a = Fixtures.json("{\"b\":[1.0,\"\\u00e9\"],\"a\":{\"y\":1,\"x\":2}}");
    ObjectNode b = Fixtures.json("{ \"a\" : {\"x\":2,\"y\":1.00}, \"b\":[1,\"\u00e9\"] }");
    ReleaseName n = new ReleaseName("x/y", "1");
    assertEquals(new Release(n, a).manifestDigest(), new Release(n, b).manifestDigest());
    // {"a":{"x":2,"y":1},"b":[1,"é"]} in JCS, hashed
    assertEquals(CanonicalJson.sha256(Fixtures.utf8("{\"a\":{\"x\":2,\"y\":1},\"b\":[1,\"\u00e9\"]}")),
        new Release(n, a).manifestDigest());
  }

  /**
   * A release read from a statement shares the statement's tree instead of copying it; neither
   * hands it out, so changing what either returns (or what was passed in) changes neither.
   */
  @Test
  void releaseAndStatementTreesCannotBeChangedFromOutside() throws Exception {
    Release r = Fixtures.release();
    byte[] json = r.toStatement().toJson();
    Statement st = Statement.parse(json);
    Release read = Release.fromStatement(st);
    Release again = Release.fromStatement(Statement.parse(json));
    Hash digest = read.manifestDigest();
    read.manifest().put("server", "changed");
    st.predicate().put("server", "changed");
    assertEquals(digest, read.manifestDigest());
    assertEquals(digest, Release.fromStatement(st).manifestDigest());
    assertEquals(again, read);
    assertEquals(again.manifest(), read.manifest());
    assertEquals(Statement.parse(json), st);
    ObjectNode mine = r.manifest();
    Release copy = new Release(r.name(), mine);
    mine.removeAll();
    assertEquals(r, copy);
    assertEquals(r.manifestDigest(), copy.manifestDigest());
  }

  @Test
  void releaseSubjectDigestMismatchIsRefusedWithBothDigests() throws Exception {
    Release r = Fixtures.release();
    Hash wrong = r.manifestDigest().flipBit(0);
    Statement st = Statement.of(new Subject(r.name().toString(), wrong), Release.PREDICATE_TYPE,
        r.manifest());
    Envelope e = Attestations.sign(st, List.of(OTHER));
    AttestationVerificationException x = assertThrows(AttestationVerificationException.class,
        () -> Attestations.verifyRelease(e, OTHER.verificationKey()));
    assertEquals(Reason.SUBJECT_DIGEST_MISMATCH, x.reason());
    assertEquals(Optional.of(wrong), x.expected());
    assertEquals(Optional.of(r.manifestDigest()), x.actual());
  }

  @Test
  void reviewsRoundTripAndFailedStaysFailed() throws Exception {
    Release r = Fixtures.release();
    for (Review.Result result : Review.Result.values()) {
      Review rev = review(r, result);
      Envelope e = Envelope.parse(Attestations.sign(rev.toStatement(), List.of(THIRD)).toJson());
      Verified<Review> v = Attestations.verifyReview(e,
          List.of(OTHER.verificationKey(), THIRD.verificationKey()));
      assertEquals(rev, v.value());
      assertEquals(result, v.value().result());
      assertEquals(r.subject(), v.value().subject());
    }
    assertNotEquals(Review.Result.PASSED, review(r, Review.Result.FAILED).result());
  }

  @Test
  void reviewParsingIsStrict() {
    Review good = review(Fixtures.release(), Review.Result.PASSED);
    String[][] edits = {
        {"\"PASSED\"", "\"passed\""},
        {"\"2026-11-25T13:00:00Z\"", "\"2026-11-25T13:00:00+00:00\""},
        {"\"severity\":\"high\"", "\"severity\":\"severe\""},
        {"\"verifier\":{", "\"verifier\":{\"version\":{},"},
        {"\"path\":\"/tools/0/description\"", "\"path\":\"tools\""},
        {"\"findings\":[", "\"inputAttestations\":[],\"findings\":["},
    };
    String json = new String(good.toStatement().toJson(), java.nio.charset.StandardCharsets.UTF_8);
    for (String[] edit : edits) {
      String bad = json.replace(edit[0], edit[1]);
      assertNotEquals(json, bad);
      assertThrows(PredicateFormatException.class,
          () -> Review.fromStatement(Statement.parse(Fixtures.utf8(bad))), edit[1]);
    }
  }

  @Test
  void predicateTypeMustMatchTheMethod() throws Exception {
    Envelope review = Attestations.sign(review(Fixtures.release(), Review.Result.PASSED)
        .toStatement(), List.of(OTHER));
    assertEquals(Reason.WRONG_PREDICATE_TYPE,
        reason(() -> Attestations.verifyRelease(review, OTHER.verificationKey())));
    Envelope notInToto = Envelope.sign("application/json",
        Fixtures.release().toStatement().toJson(), List.of(OTHER));
    assertEquals(Reason.WRONG_PAYLOAD_TYPE,
        reason(() -> Attestations.verifyRelease(notInToto, OTHER.verificationKey())));
  }

  @Test
  void keyBindingNeedsProofOfPossession() throws Exception {
    SigningKey k = key(KeyAlgorithm.ECDSA_P256_SHA256);
    KeyBinding b = new KeyBinding(NS, k.verificationKey());
    Verified<KeyBinding> v = Attestations.verifyKeyBinding(
        Attestations.sign(b.toStatement(), List.of(k)));
    assertEquals(b, v.value());
    assertEquals(Reason.NO_TRUSTED_SIGNATURE, reason(() -> Attestations.verifyKeyBinding(
        Attestations.sign(b.toStatement(), List.of(OTHER)))));
  }

  @Test
  void keyBindingCarriesTheRegistryNonceAndRefusesMalformedOnes() throws Exception {
    SigningKey k = key(KeyAlgorithm.ED25519);
    KeyBinding b = new KeyBinding(NS, k.verificationKey(), Optional.of("AAAAbbbbCCCCdddd-_09"));
    Verified<KeyBinding> v = Attestations.verifyKeyBinding(
        Attestations.sign(b.toStatement(), List.of(k)));
    assertEquals(Optional.of("AAAAbbbbCCCCdddd-_09"), v.value().nonce());
    assertEquals(Optional.empty(), Attestations.verifyKeyBinding(Attestations.sign(
        new KeyBinding(NS, k.verificationKey()).toStatement(), List.of(k))).value().nonce());
    for (String bad : List.of("short", "x".repeat(KeyBinding.NONCE_MAX_CHARS + 1),
        "AAAAbbbbCCCCdddd+/==", "AAAAbbbbCCCCdddd eee")) {
      ObjectNode p = b.toStatement().predicate();
      p.put("nonce", bad);
      Statement st = Statement.of(b.toStatement().subjects().get(0), KeyBinding.PREDICATE_TYPE, p);
      assertThrows(PredicateFormatException.class, () -> Attestations.verifyKeyBinding(
          Attestations.sign(st, List.of(k))), bad);
      assertThrows(IllegalArgumentException.class,
          () -> new KeyBinding(NS, k.verificationKey(), Optional.of(bad)));
    }
  }

  @Test
  void rotationNeedsTheOldAndTheNewKey() throws Exception {
    SigningKey oldKey = key(KeyAlgorithm.ED25519);
    SigningKey newKey = key(KeyAlgorithm.ECDSA_P256_SHA256);
    Statement st = new KeyRotation(NS, oldKey.keyId(), newKey.verificationKey()).toStatement();
    Verified<KeyRotation> ok = Attestations.verifyRotation(
        Attestations.sign(st, List.of(oldKey, newKey)), oldKey.verificationKey());
    assertEquals(newKey.verificationKey(), ok.value().newKey());
    assertEquals(Reason.MISSING_REQUIRED_SIGNATURE, reason(() -> Attestations.verifyRotation(
        Attestations.sign(st, List.of(newKey)), oldKey.verificationKey())));
    assertEquals(Reason.MISSING_REQUIRED_SIGNATURE, reason(() -> Attestations.verifyRotation(
        Attestations.sign(st, List.of(oldKey)), oldKey.verificationKey())));
    // a rotation of some other key, even if properly signed, is not a rotation of ours
    assertEquals(Reason.SUBJECT_MISMATCH, reason(() -> Attestations.verifyRotation(
        Attestations.sign(st, List.of(oldKey, newKey)), OTHER.verificationKey())));
  }

  @Test
  void revocationBySelfOrByTheNamespaceKey() throws Exception {
    SigningKey current = key(KeyAlgorithm.ED25519);
    SigningKey revoked = THIRD;
    Statement st = new KeyRevocation(NS, revoked.keyId(), KeyRevocation.Reason.COMPROMISED, "")
        .toStatement();
    assertEquals(revoked.keyId(), Attestations.verifyRevocation(
        Attestations.sign(st, List.of(revoked)), current.verificationKey(),
        Optional.of(revoked.verificationKey())).value().keyId());
    assertEquals(KeyRevocation.Reason.COMPROMISED, Attestations.verifyRevocation(
        Attestations.sign(st, List.of(current)), current.verificationKey(), Optional.empty())
        .value().reason());
    assertEquals(Reason.NO_TRUSTED_SIGNATURE, reason(() -> Attestations.verifyRevocation(
        Attestations.sign(st, List.of(OTHER)), current.verificationKey(),
        Optional.of(revoked.verificationKey()))));
    assertEquals(Reason.SUBJECT_MISMATCH, reason(() -> Attestations.verifyRevocation(
        Attestations.sign(st, List.of(current)), current.verificationKey(),
        Optional.of(OTHER.verificationKey()))));
  }

  @Test
  void yankBindsNameVersionAndDigest() throws Exception {
    Release r = Fixtures.release();
    ReleaseYank y = new ReleaseYank(r.name(), r.manifestDigest(), "leaked a token in a tool");
    assertEquals(y, Attestations.verifyYank(Attestations.sign(y.toStatement(), List.of(OTHER)),
        OTHER.verificationKey()).value());
    ObjectNode p = y.toStatement().predicate();
    p.put("version", "9.9.9");
    Statement inconsistent = Statement.of(y.subject(), ReleaseYank.PREDICATE_TYPE, p);
    assertThrows(PredicateFormatException.class, () -> Attestations.verifyYank(
        Attestations.sign(inconsistent, List.of(OTHER)), OTHER.verificationKey()));
  }

  @Test
  void keyEventsMustAgreeWithTheKeysTheyCarry() throws Exception {
    SigningKey ed = key(KeyAlgorithm.ED25519);
    SigningKey ec = key(KeyAlgorithm.ECDSA_P256_SHA256);
    Statement binding = new KeyBinding(NS, ed.verificationKey()).toStatement();
    ObjectNode wrongId = binding.predicate();
    wrongId.put("keyId", ec.keyId().hex());
    ObjectNode wrongAlg = binding.predicate();
    wrongAlg.put("algorithm", KeyAlgorithm.ECDSA_P256_SHA256.wireName());
    ObjectNode extra = binding.predicate();
    extra.put("expires", "never");
    for (ObjectNode p : List.of(wrongId, wrongAlg, extra)) {
      Statement st = Statement.of(binding.subjects().get(0), KeyBinding.PREDICATE_TYPE, p);
      assertThrows(PredicateFormatException.class, () -> Attestations.verifyKeyBinding(
          Attestations.sign(st, List.of(ed))));
    }
    Statement otherSubject = Statement.of(new Subject("io.github.evil", ed.keyId().hash()),
        KeyBinding.PREDICATE_TYPE, binding.predicate());
    assertThrows(PredicateFormatException.class, () -> Attestations.verifyKeyBinding(
        Attestations.sign(otherSubject, List.of(ed))));
    ObjectNode self = new KeyRotation(NS, ec.keyId(), ed.verificationKey()).toStatement()
        .predicate();
    self.put("oldKeyId", ed.keyId().hex());
    Statement selfRotation = Statement.of(new Subject(NS, ed.keyId().hash()),
        KeyRotation.PREDICATE_TYPE, self);
    assertThrows(PredicateFormatException.class, () -> Attestations.verifyRotation(
        Attestations.sign(selfRotation, List.of(ed)), ed.verificationKey()));
  }
}
