package dev.toolseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.cli.lint.SampleManifests;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.Finding;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.Review;
import dev.toolseal.verifier.attest.Verified;
import dev.toolseal.verifier.keys.PemKeys;
import dev.toolseal.verifier.keys.VerificationKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SignReviewInspectTest {
  @TempDir
  Path dir;

  private Path sign(Path manifest, Path keyPrefix, String out) {
    Path envelope = dir.resolve(out);
    Cli cli = Cli.run("sign", "--key", keyPrefix + ".key", "--manifest", manifest.toString(),
        "--out", envelope.toString()).expect(0);
    Secrets.assertNotPrinted(Path.of(keyPrefix + ".key"), cli);
    return envelope;
  }

  private static VerificationKey pub(Path prefix) throws Exception {
    return PemKeys.readPublicKey(Path.of(prefix + ".pub"));
  }

  private static Envelope envelope(Path file) throws Exception {
    return Envelope.parse(TestFiles.read(file));
  }

  @Test
  void signedReleaseVerifiesWithThePublisherKey() throws Exception {
    Path key = TestFiles.key(dir, "publisher", "p256");
    Path release = sign(TestFiles.clean(dir), key, "release.dsse.json");
    Verified<Release> v = Attestations.verifyRelease(envelope(release), pub(key));
    assertEquals("io.github.acme/files@2.1.0", v.value().subject().name());
    assertEquals(SampleManifests.clean().digest(), v.value().manifestDigest());
    assertEquals(pub(key).keyId(), v.signers().first());
  }

  @Test
  void numbersSurviveSigningAndReviewing() throws Exception {
    Path key = TestFiles.key(dir, "publisher", "ed25519");
    Path m = TestFiles.manifest(dir, "numbers.json", SampleManifests.withTool("""
        {"name": "scale", "inputSchema": {"type": "object", "properties": {"f": {"type": "number",
          "minimum": -1e-7, "maximum": 1E21, "default": 1.50, "multipleOf": 0.1,
          "examples": [100000000000000000000, -0.0, 5e-324, 1.7976931348623157e308]}}}}"""));
    Path release = sign(m, key, "release.dsse.json");
    Path review = dir.resolve("review.dsse.json");
    Cli.run("review", "--key", key + ".key", "--release", release.toString(), "--publisher-key",
        key + ".pub", "--verdict", "PASSED", "--out", review.toString()).expect(0);
    Cli.run("inspect", release.toString(), "--key", key + ".pub").expect(0);
  }

  @Test
  void signJsonOutputAndOverwriteRules() throws Exception {
    Path key = TestFiles.key(dir, "publisher", "ed25519");
    Path m = TestFiles.clean(dir);
    Path out = dir.resolve("r.json");
    Cli cli = Cli.run("sign", "--key", key + ".key", "--manifest", m.toString(), "--out",
        out.toString(), "--output", "json").expect(0);
    JsonNode doc = cli.json();
    assertEquals(SampleManifests.clean().digest().hex(), doc.get("manifestDigest").textValue());
    assertEquals(envelope(out).envelopeDigest().hex(), doc.get("envelopeDigest").textValue());
    Secrets.assertNotPrinted(Path.of(key + ".key"), cli);
    Cli.run("sign", "--key", key + ".key", "--manifest", m.toString(), "--out", out.toString())
        .expect(ExitCode.IO);
    Cli.run("sign", "--key", key + ".key", "--manifest", m.toString(), "--out", out.toString(),
        "--force").expect(0);
  }

  @Test
  void signRefusesWrongInputs() {
    Path key = TestFiles.key(dir, "publisher", "ed25519");
    Path m = TestFiles.clean(dir);
    String out = dir.resolve("r.json").toString();
    // a public key where the private key belongs
    Cli.run("sign", "--key", key + ".pub", "--manifest", m.toString(), "--out", out)
        .expect(ExitCode.REJECTED);
    Cli.run("sign", "--key", key + ".key", "--manifest", key + ".pub", "--out", out)
        .expect(ExitCode.REJECTED);
    Cli.run("sign", "--key", dir.resolve("none.key").toString(), "--manifest", m.toString(),
        "--out", out).expect(ExitCode.IO);
    Cli.run("sign", "--manifest", m.toString(), "--out", out).expect(ExitCode.USAGE);
  }

  @Test
  void signRefusesAToolWhoseSchemaLeaves() throws Exception {
    Path key = TestFiles.key(dir, "publisher", "ed25519");
    Path m = TestFiles.manifest(dir, "ref.json", SampleManifests.withTool("""
        {"name": "add", "description": "Adds.", "inputSchema": {"type": "object",
         "properties": {"a": {"$ref": "other.json#/x"}}}}"""));
    Path out = dir.resolve("r.json");
    Cli.run("sign", "--key", key + ".key", "--manifest", m.toString(), "--out", out.toString())
        .expect(ExitCode.REJECTED);
    assertFalse(Files.exists(out));
  }

  @Test
  void reviewWithLintAttachesLocatedFindings() throws Exception {
    Path publisher = TestFiles.key(dir, "publisher", "ed25519");
    Path assessor = TestFiles.key(dir, "assessor", "ed25519");
    Path release = sign(TestFiles.poisoned(dir), publisher, "release.dsse.json");
    Path review = dir.resolve("review.dsse.json");
    Cli cli = Cli.run("review", "--key", assessor + ".key", "--release", release.toString(),
        "--publisher-key", publisher + ".pub", "--verdict", "FAILED", "--lint",
        "--level", "TOOLSEAL_REVIEWED_L1", "--out", review.toString(), "--output", "json")
        .expect(0);
    Secrets.assertNotPrinted(Path.of(assessor + ".key"), cli);
    assertTrue(cli.json().get("highFindings").asInt() > 0);
    Verified<Review> v = Attestations.verifyReview(envelope(review), List.of(pub(assessor)));
    Review r = v.value();
    assertEquals(Review.Result.FAILED, r.result());
    assertEquals(Attestations.verifyRelease(envelope(release), pub(publisher)).value().subject(),
        r.subject());
    assertEquals(List.of("TOOLSEAL_REVIEWED_L1"), r.verifiedLevels());
    assertTrue(r.findings().stream().anyMatch(f -> f.severity() == Finding.Severity.HIGH
        && f.path().equals("/tools/0/description")));
  }

  @Test
  void lintReadsTheManifestInsideARelease() {
    Path publisher = TestFiles.key(dir, "publisher", "ed25519");
    Path poisoned = sign(TestFiles.poisoned(dir), publisher, "poisoned.dsse.json");
    Path clean = sign(TestFiles.clean(dir), publisher, "clean.dsse.json");
    JsonNode doc = Cli.run("lint", "--release", poisoned.toString(), "--output", "json")
        .expect(ExitCode.REJECTED).json();
    assertTrue(doc.get("summary").get("high").asInt() > 0);
    Cli.run("lint", "--release", clean.toString()).expect(0);
    Cli.run("lint", "--release", clean.toString(), clean.toString()).expect(ExitCode.USAGE);
    Cli.run("lint").expect(ExitCode.USAGE);
  }

  @Test
  void reviewWithoutLintHasNoFindings() throws Exception {
    Path publisher = TestFiles.key(dir, "publisher", "ed25519");
    Path assessor = TestFiles.key(dir, "assessor", "p256");
    Path release = sign(TestFiles.clean(dir), publisher, "release.dsse.json");
    Path review = dir.resolve("review.dsse.json");
    Cli cli = Cli.run("review", "--key", assessor + ".key", "--release", release.toString(),
        "--verdict", "passed", "--out", review.toString()).expect(0);
    assertFalse(cli.err().isEmpty()); // says the release signature was not checked
    Review r = Attestations.verifyReview(envelope(review), List.of(pub(assessor))).value();
    assertEquals(Review.Result.PASSED, r.result());
    assertEquals(List.of(), r.findings());
  }

  @Test
  void reviewRefusesAReleaseNotSignedByThePublisher() {
    Path publisher = TestFiles.key(dir, "publisher", "ed25519");
    Path other = TestFiles.key(dir, "other", "ed25519");
    Path release = sign(TestFiles.clean(dir), publisher, "release.dsse.json");
    Path review = dir.resolve("review.dsse.json");
    Cli.run("review", "--key", other + ".key", "--release", release.toString(),
        "--publisher-key", other + ".pub", "--verdict", "PASSED", "--out", review.toString())
        .expect(ExitCode.REJECTED);
    assertFalse(java.nio.file.Files.exists(review));
    Cli.run("review", "--key", other + ".key", "--release", release.toString(),
        "--verdict", "MAYBE", "--out", review.toString()).expect(ExitCode.USAGE);
  }

  @Test
  void inspectShowsAReleaseWithoutTrustingIt() throws Exception {
    Path publisher = TestFiles.key(dir, "publisher", "ed25519");
    Path other = TestFiles.key(dir, "other", "ed25519");
    Path release = sign(TestFiles.clean(dir), publisher, "release.dsse.json");
    Cli text = Cli.run("inspect", release.toString()).expect(0);
    assertTrue(text.out().contains("UNVERIFIED"));
    JsonNode doc = Cli.run("inspect", release.toString(), "--output", "json").expect(0).json();
    assertFalse(doc.get("verified").booleanValue());
    assertEquals(pub(publisher).keyId().hex(), doc.get("keyIds").get(0).textValue());
    JsonNode st = doc.get("statement");
    assertEquals(Release.PREDICATE_TYPE, st.get("predicateType").textValue());
    assertEquals("io.github.acme/files", st.get("release").get("server").textValue());
    assertEquals(4, st.get("release").get("tools").asInt());
    JsonNode verified = Cli.run("inspect", release.toString(), "--key", publisher + ".pub",
        "--output", "json").expect(0).json();
    assertTrue(verified.get("verified").booleanValue());
    Cli.run("inspect", release.toString(), "--key", other + ".pub").expect(ExitCode.REJECTED);
  }

  @Test
  void inspectShowsAReview() throws Exception {
    Path publisher = TestFiles.key(dir, "publisher", "ed25519");
    Path release = sign(TestFiles.poisoned(dir), publisher, "release.dsse.json");
    Path review = dir.resolve("review.dsse.json");
    Cli.run("review", "--key", publisher + ".key", "--release", release.toString(),
        "--verdict", "FAILED", "--lint", "--out", review.toString()).expect(0);
    JsonNode doc = Cli.run("inspect", review.toString(), "--output", "json").expect(0).json();
    JsonNode r = doc.get("statement").get("review");
    assertEquals("FAILED", r.get("verdict").textValue());
    assertTrue(r.get("findings").size() > 0);
    Cli.run("inspect", review.toString()).expect(0);
  }

  @Test
  void inputQuotedInAnErrorIsNotPrintedRaw() throws Exception {
    Path key = TestFiles.key(dir, "k", "ed25519");
    String statement = """
        {"_type": "https://in-toto.io/Statement/v1",
         "subject": [{"name": "a/b@1", "digest": {"sha256": "%s"}}],
         "predicateType": "https://slsa.dev/verification_summary/v1",
         "predicate": {"verifier": {"id": "x"}, "timeVerified": "2026\u202Ex",
           "resourceUri": "x", "policy": {"uri": "x"}, "verificationResult": "PASSED",
           "verifiedLevels": [], "findings": []}}""".formatted("ab".repeat(32));
    Envelope env = Envelope.sign(dev.toolseal.verifier.attest.Statement.PAYLOAD_TYPE,
        statement.getBytes(java.nio.charset.StandardCharsets.UTF_8),
        List.of(PemKeys.readPrivateKey(Path.of(key + ".key"))));
    Path file = dir.resolve("odd.json");
    TestFiles.write(file, env.toJson());
    Cli cli = Cli.run("inspect", file.toString()).expect(ExitCode.REJECTED);
    assertFalse(cli.err().isEmpty());
    assertFalse((cli.out() + cli.err()).contains("\u202E"));
  }

  @Test
  void inspectRejectsGarbage() {
    Path junk = dir.resolve("junk.json");
    TestFiles.write(junk, "{\"payload\": \"\", \"payloadType\": \"x\"}");
    Cli.run("inspect", junk.toString()).expect(ExitCode.REJECTED);
    Cli.run("inspect", dir.resolve("none.json").toString()).expect(ExitCode.IO);
  }
}
