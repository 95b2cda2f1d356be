package dev.toolseal.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.tlog.note.CosignatureVerifier;
import dev.toolseal.tlog.note.NoteSigner;
import dev.toolseal.tlog.note.NoteVerifier;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.log.LogClient;
import dev.toolseal.verifier.log.LogTrust;
import dev.toolseal.verifier.log.MemoryCheckpointStore;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.verification.OfflineEvidenceFiles;
import dev.toolseal.verifier.verification.ReleaseEvidence;
import dev.toolseal.verifier.verification.ReleaseVerifier;
import dev.toolseal.verifier.verification.VerificationPolicy;
import dev.toolseal.verifier.verification.VerifiedRelease;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The facts {@link TrustSummary} states, from a release verified by the library (the in-process
 * registry test covers the unproven case end to end, see registry-service CliTrustTest).
 */
class TrustSummaryTest {
  @TempDir
  Path dir;

  @Test
  void aProvenBindingIsShownWithItsProofAndWitnessesByName() throws Exception {
    SignedRelease signed = SignedRelease.of(dir, List.of("node",
        SnapshotCommandTest.servers().resolve("rugpull-server.mjs").toString(), "baseline"));
    ReleaseEvidence evidence = new OfflineEvidenceFiles(signed.release(), List.of(),
        List.of(signed.binding()), LogClient.none()).read();
    VerificationPolicy policy = VerificationPolicy.builder(LogTrust.of(
        NoteVerifier.parse(signed.logKey()))).publisherKeysFromLog().build();
    VerifiedRelease release = ReleaseVerifier.verifyRelease(new ServerRef(SignedRelease.NAME,
        SignedRelease.VERSION), evidence, policy, new MemoryCheckpointStore());
    assertTrue(TrustSummary.due(true, policy));
    assertFalse(TrustSummary.due(false, policy));

    String said = String.join("\n", TrustSummary.lines(policy, "io.github.acme",
        Optional.of(release), "in /state/checkpoints"));
    for (String fact : List.of(signed.logKey(), signed.logOrigin(), "io.github.acme",
        release.publisher().hex(), "github-oidc", "github.com/acme", "/state/checkpoints")) {
      assertTrue(said.contains(fact), () -> fact + " missing from:\n" + said);
    }
    assertFalse(said.contains("unproven"), said);

    byte[] raw = new byte[32];
    Arrays.fill(raw, (byte) 3);
    CosignatureVerifier w1 = CosignatureVerifier.of("witness.one.test", raw);
    raw[0] = 4;
    CosignatureVerifier w2 = CosignatureVerifier.of("witness.two.test", raw);
    VerificationPolicy witnessed = VerificationPolicy.builder(new LogTrust(
        List.of(NoteVerifier.parse(signed.logKey())), List.of(w1, w2), 1))
        .publisherKeysFromLog().build();
    List<String> withWitnesses = TrustSummary.lines(witnessed, "io.github.acme",
        Optional.empty(), "in memory only");
    String both = String.join("\n", withWitnesses);
    assertTrue(both.contains("witness.one.test") && both.contains("witness.two.test"), both);
    assertTrue(both.contains("any age"), both);
    VerificationPolicy aged = VerificationPolicy.builder(new LogTrust(
        List.of(NoteVerifier.parse(signed.logKey())), List.of(w1, w2), 2,
        Optional.of(Duration.ofHours(24)), Clock.systemUTC()))
        .publisherKeysFromLog().build();
    String limited = String.join("\n", TrustSummary.lines(aged, "io.github.acme",
        Optional.empty(), "in memory only"));
    assertTrue(limited.contains("24h") && !limited.contains("any age"), limited);
    assertNotEquals(TrustSummary.lines(policy, "io.github.acme", Optional.empty(),
        "in memory only"), withWitnesses);
  }

  @Test
  void notDueWhenAKeyIsPinnedOrAReviewRequired() {
    LogTrust trust = LogTrust.of(NoteSigner.fromSeed("log.test", new byte[32]).verifier());
    VerificationPolicy pinned = VerificationPolicy.builder(trust)
        .pinPublisherKey("io.github.acme", KeyPairs.generate().verificationKey()).build();
    assertFalse(TrustSummary.due(true, pinned));
    VerificationPolicy reviewed = VerificationPolicy.builder(trust).publisherKeysFromLog()
        .requireReviews(1, List.of(KeyPairs.generate().verificationKey())).build();
    assertFalse(TrustSummary.due(true, reviewed));
    assertTrue(TrustSummary.due(true, VerificationPolicy.builder(trust).build()));
  }
}
