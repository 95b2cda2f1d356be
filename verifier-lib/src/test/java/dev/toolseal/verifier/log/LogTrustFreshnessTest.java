package dev.toolseal.verifier.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.tlog.checkpoint.WitnessQuorumException;
import dev.toolseal.tlog.note.CosignatureSigner;
import dev.toolseal.tlog.note.CosignatureVerifier;
import dev.toolseal.tlog.note.NoteSignature;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The maximum checkpoint age: measured on the witnesses' cosignature timestamps. */
class LogTrustFreshnessTest {
  static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  final TestLog log = new TestLog("example.com/log", 7).grow(5);
  final CosignatureSigner w1 =
      CosignatureSigner.generate("w1.example", new SecureRandom(), CLOCK);
  final CosignatureSigner w2 =
      CosignatureSigner.generate("w2.example", new SecureRandom(), CLOCK);
  final List<CosignatureVerifier> both = List.of(w1.verifier(), w2.verifier());

  byte[] cosigned(Duration ageOfW1, Duration ageOfW2) {
    byte[] note = log.checkpoint();
    String s = new String(note, StandardCharsets.UTF_8);
    byte[] text = s.substring(0, s.indexOf("\n\n") + 1).getBytes(StandardCharsets.UTF_8);
    return (s + line(w1, ageOfW1, text) + line(w2, ageOfW2, text))
        .getBytes(StandardCharsets.UTF_8);
  }

  static String line(CosignatureSigner w, Duration age, byte[] text) {
    long at = NOW.minus(age).getEpochSecond();
    return new NoteSignature(w.name(), w.keyId(), w.signAt(at, text)).line();
  }

  LogTrust trust(int quorum, Optional<Duration> maxAge) {
    return new LogTrust(List.of(log.key().verifier()), both, quorum, maxAge, CLOCK);
  }

  @Test
  void aQuorumOfYoungCosignaturesIsAccepted() throws Exception {
    byte[] note = cosigned(Duration.ofHours(1), Duration.ofHours(23));
    trust(2, Optional.of(Duration.ofHours(24))).open(note);
  }

  @Test
  void anOldCosignatureDoesNotCountAndIsNamed() throws Exception {
    byte[] note = cosigned(Duration.ofHours(1), Duration.ofHours(25));
    UntrustedCheckpointException e = assertThrows(UntrustedCheckpointException.class,
        () -> trust(2, Optional.of(Duration.ofHours(24))).open(note));
    WitnessQuorumException q = (WitnessQuorumException) e.getCause();
    assertEquals(List.of("w1.example"), q.cosigners());
    assertEquals(1, q.missing().size());
    assertTrue(q.missing().get(0).startsWith("w2.example"));
    trust(1, Optional.of(Duration.ofHours(24))).open(note);
    trust(2, Optional.empty()).open(note);
    trust(2, Optional.of(Duration.ofHours(26))).open(note);
  }

  @Test
  void withoutAQuorumAgeIsNotChecked() throws Exception {
    byte[] note = cosigned(Duration.ofDays(30), Duration.ofDays(30));
    trust(0, Optional.of(Duration.ofHours(24))).open(note);
    assertThrows(UntrustedCheckpointException.class,
        () -> trust(1, Optional.of(Duration.ofHours(24))).open(note));
  }

  @Test
  void aMissingCosignatureIsNamed() throws Exception {
    byte[] note = log.checkpoint();
    String s = new String(note, StandardCharsets.UTF_8);
    byte[] text = s.substring(0, s.indexOf("\n\n") + 1).getBytes(StandardCharsets.UTF_8);
    byte[] one = (s + line(w1, Duration.ZERO, text)).getBytes(StandardCharsets.UTF_8);
    UntrustedCheckpointException e = assertThrows(UntrustedCheckpointException.class,
        () -> trust(2, Optional.of(Duration.ofHours(24))).open(one));
    assertEquals(List.of("w2.example"), ((WitnessQuorumException) e.getCause()).missing());
  }
}
