package dev.toolseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.tlog.note.NoteSigner;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toolseal verify} against verifier-lib's rug-pull test server, with real evidence
 * ({@link SignedRelease}): the baseline recorded with {@code snapshot}, signed, and logged.
 */
class VerifyCommandTest {
  static final String NAME = SignedRelease.NAME;

  @TempDir
  Path dir;

  SignedRelease release;

  @BeforeEach
  void makeEvidence() throws Exception {
    release = SignedRelease.of(dir, List.of("node", server(), "baseline"));
  }

  private static String server() {
    return SnapshotCommandTest.servers().resolve("rugpull-server.mjs").toString();
  }

  private Cli verify(String variant, String... more) {
    List<String> args = new ArrayList<>(List.of("verify",
        "--bundle", release.release().toString(),
        "--key-event", release.binding().toString(),
        "--log-key", release.logKey()));
    args.addAll(List.of(more));
    args.addAll(List.of("--", "node", server(), variant));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void acceptsTheSignedBaseline() {
    Cli r = verify("baseline").expect(0);
    assertTrue(r.out().contains("ACCEPTED"), r.out());
    JsonNode doc = verify("baseline", "--publisher-key", dir.resolve("publisher.pub").toString(),
        "--output", "json").expect(0).json();
    assertEquals("ACCEPTED", doc.get("status").textValue());
    assertEquals(NAME, doc.get("server").textValue());
  }

  /**
   * A binding without an ownership proof counts only when asked for by name, which is said on
   * stderr; pinned keys need no such option, and it does not go with them.
   */
  @Test
  void anUnprovenBindingCountsOnlyWithTheOptIn() throws Exception {
    release = SignedRelease.unproven(Files.createDirectories(dir.resolve("unproven")),
        List.of("node", server(), "baseline"));
    Cli refused = verify("baseline", "--output", "json").expect(3);
    assertEquals("REJECTED", refused.json().get("status").textValue());
    assertTrue(refused.json().get("reasons").toString().contains("io.github.acme"),
        refused.out());
    Cli accepted = verify("baseline", "--accept-unproven-namespaces").expect(0);
    assertTrue(accepted.err().contains("--accept-unproven-namespaces"), accepted.err());
    assertFalse(refused.err().contains("--accept-unproven-namespaces"), refused.err());
    verify("baseline", "--accept-unproven-namespaces", "--publisher-key",
        release.publisherKey().toString()).expect(2);
  }

  @Test
  void rejectsARugPullNamingTheChangedTool() {
    Cli r = verify("description-appended").expect(3);
    assertTrue(r.out().contains("REJECTED"), r.out());
    assertTrue(r.out().contains("tool:add"), r.out());
    JsonNode doc = verify("description-appended", "--output", "json").expect(3).json();
    assertEquals("REJECTED", doc.get("status").textValue());
    assertFalse(doc.get("reasons").isEmpty());
    List<String> entries = new ArrayList<>();
    doc.get("reasons").forEach(n -> entries.add(n.get("entry").asText()));
    assertTrue(entries.contains("tool:add"), doc.toString());
    assertFalse(entries.contains("tool:get_weather"), doc.toString());
    assertTrue(doc.get("accepted").isEmpty());
  }

  @Test
  void quarantineHidesOnlyTheChangedToolButStillFails() {
    JsonNode doc = verify("description-appended", "--quarantine", "--output", "json")
        .expect(3).json();
    assertEquals("QUARANTINED", doc.get("status").textValue());
    List<String> hidden = new ArrayList<>();
    doc.get("rejected").forEach(n -> hidden.add(n.textValue()));
    assertEquals(1, hidden.size(), doc.toString());
    assertEquals(List.of("tool:add"), hidden);
  }

  @Test
  void rejectsAReleaseWhenAnotherPublisherKeyIsPinned() {
    JsonNode doc = verify("baseline", "--publisher-key", dir.resolve("intruder.pub").toString(),
        "--output", "json").expect(3).json();
    assertEquals("REJECTED", doc.get("status").textValue());
    assertFalse(doc.get("reasons").isEmpty());
  }

  @Test
  void rejectsWhenARequiredReviewIsMissing() {
    JsonNode doc = verify("baseline", "--require-reviews", "1", "--assessor-key",
        dir.resolve("intruder.pub").toString(), "--output", "json").expect(3).json();
    assertEquals("REJECTED", doc.get("status").textValue());
    assertFalse(doc.get("reasons").isEmpty());
    verify("baseline", "--require-reviews", "2", "--assessor-key",
        dir.resolve("intruder.pub").toString()).expect(2);
  }

  @Test
  void rejectsWhenTheLogKeyIsNotTrusted() throws Exception {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 9);
    String other = NoteSigner.fromSeed("log.toolseal.test", seed).verifier().verifierKey();
    Cli.run("verify", "--bundle", dir.resolve("release.bundle.json").toString(),
        "--key-event", dir.resolve("binding.bundle.json").toString(), "--log-key", other,
        "--", "node", server(), "baseline").expect(3);
  }

  @Test
  void usageAndFileErrors() {
    Cli.run("verify", "--bundle", dir.resolve("release.bundle.json").toString(),
        "--log-key", "not a key", "--", "node", server(), "baseline").expect(2);
    Cli.run("verify", "--bundle", dir.resolve("release.bundle.json").toString(),
        "--log-key", release.logKey()).expect(2);
    Cli.run("verify", "--bundle", dir.resolve("missing.json").toString(),
        "--log-key", release.logKey(), "--", "node", server(), "baseline")
        .expect(4);
  }
}
