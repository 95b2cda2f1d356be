package dev.toolseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.tlog.note.CosignatureSigner;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** --witness, --witness-quorum and --max-checkpoint-age on verify. */
class WitnessOptionsTest {
  @TempDir
  Path dir;

  SignedRelease release;
  final String witness = CosignatureSigner.generate("witness.example/w1", new SecureRandom(),
      Clock.systemUTC()).verifier().verifierKey();

  @BeforeEach
  void makeEvidence() throws Exception {
    release = SignedRelease.of(dir, List.of("node", server(), "baseline"));
  }

  private static String server() {
    return SnapshotCommandTest.servers().resolve("rugpull-server.mjs").toString();
  }

  private Cli verify(String... more) {
    List<String> args = new ArrayList<>(List.of("verify",
        "--bundle", release.release().toString(),
        "--key-event", release.binding().toString(),
        "--log-key", release.logKey()));
    args.addAll(List.of(more));
    args.addAll(List.of("--", "node", server(), "baseline"));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void aCheckpointWithoutTheWitnessesCosignatureIsRejectedNamingIt() {
    Cli r = verify("--witness", witness, "--witness-quorum", "1").expect(3);
    assertTrue((r.out() + r.err()).contains("witness.example/w1"), r.out() + r.err());
    // a quorum of 0 trusts the log alone, and says the age cannot be checked
    Cli plain = verify("--witness", witness, "--witness-quorum", "0").expect(0);
    assertTrue(plain.err().contains("age"), plain.err());
  }

  @Test
  void badWitnessOptionsAreUsageErrors() {
    verify("--witness", "not a key").expect(2);
    verify("--witness", release.logKey()).expect(2);
    verify("--witness", witness, "--witness-quorum", "2").expect(2);
    verify("--witness", witness, "--witness-quorum", "-1").expect(2);
    verify("--witness", witness, "--max-checkpoint-age", "0h").expect(2);
    verify("--witness", witness, "--max-checkpoint-age", "tomorrow").expect(2);
  }

  @Test
  void durationsParseStrictly() {
    CommandLine cl = new CommandLine(new WitnessOptions());
    assertEquals(Duration.ofHours(24), WitnessOptions.parseDuration(cl, "24h"));
    assertEquals(Duration.ofMinutes(90), WitnessOptions.parseDuration(cl, "90m"));
    assertEquals(Duration.ofDays(7), WitnessOptions.parseDuration(cl, "7d"));
    assertEquals(Duration.ofSeconds(30), WitnessOptions.parseDuration(cl, "30s"));
    assertEquals(Duration.ofHours(1), WitnessOptions.parseDuration(cl, "PT1H"));
    for (String bad : List.of("", "h", "24", "24H", "-1h", "1.5h", "24hh", "0s", "PT0S", "P",
        "99999999999999d")) {
      assertThrows(ParameterException.class, () -> WitnessOptions.parseDuration(cl, bad), bad);
    }
  }
}
