package dev.toolseal.cli.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.cli.SignedRelease;
import dev.toolseal.verifier.log.FileCheckpointStore;
import dev.toolseal.verifier.relay.Responses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toolseal guard --release ...}: the offline-bundle policy mode, with the rug-pull
 * server's baseline signed and logged ({@link SignedRelease}) and each variant run behind it.
 * The test client declares capabilities the recording client did not (sampling, roots): the
 * guard compares only what the server said.
 */
class GuardReleaseTest {
  private static final String CLIENT_CAPS = "{\"sampling\":{},\"roots\":{\"listChanged\":true}}";

  @TempDir
  Path dir;

  SignedRelease release;

  @BeforeEach
  void sign() throws Exception {
    release = SignedRelease.of(dir, GuardHarness.rugpull("baseline"));
  }

  private GuardHarness guard(String variant, String... more) throws Exception {
    List<String> options = new ArrayList<>(release.options());
    options.addAll(List.of("--audit", audit().toString(), "--env",
        "RUGPULL_CALL_LOG=" + callLog()));
    options.addAll(List.of(more));
    return GuardHarness.start(options, GuardHarness.rugpull(variant));
  }

  private Path audit() {
    return dir.resolve("audit.jsonl");
  }

  private Path callLog() {
    return dir.resolve("calls.log");
  }

  private List<String> calls() throws Exception {
    return Files.exists(callLog()) ? Files.readAllLines(callLog()) : List.of();
  }

  private List<JsonNode> auditLines() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(audit())) {
      lines.add(GuardHarness.JSON.readTree(l));
    }
    return lines;
  }

  @Test
  void theSignedReleaseIsRelayedAndARealCallReturnsItsResult() throws Exception {
    try (GuardHarness g = guard("baseline")) {
      g.initialize(CLIENT_CAPS);
      assertEquals(List.of("add", "get_weather"), g.toolNames());
      JsonNode r = g.call("add", "{\"a\":2,\"b\":3}");
      assertEquals(5, r.path("result").path("structuredContent").path("sum").asInt(),
          r::toString);
      assertEquals(0, g.closeAndWait());
    }
    assertEquals(List.of("add"), calls());
    JsonNode v = auditLines().get(0);
    assertEquals("verification", v.path("event").asText());
    assertEquals("accept-all", v.path("decision").asText());
    assertEquals(SignedRelease.NAME + "@" + SignedRelease.VERSION, v.path("server").asText());
    // recorded as sent, compared as signed
    assertTrue(v.path("clientCapabilities").has("sampling"), v::toString);
    assertFalse(v.path("comparedClientCapabilities").has("sampling"), v::toString);
  }

  @Test
  void aRugPulledToolIsHiddenAndRefusedWithTheReasonInTheAuditLog() throws Exception {
    try (GuardHarness g = guard("description-appended")) {
      g.initialize(CLIENT_CAPS);
      assertEquals(List.of("get_weather"), g.toolNames());
      JsonNode refused = g.call("add", "{\"a\":2,\"b\":3}");
      assertEquals(Responses.REFUSED, refused.path("error").path("code").asInt());
      JsonNode data = refused.path("error").path("data").path("toolseal");
      assertEquals("NOT_VERIFIED", data.path("refusal").asText());
      assertEquals("tool:add", data.path("entry").asText());
      g.call("get_weather", "{\"location\":{\"city\":\"Oslo\"}}");
      g.closeAndWait();
    }
    assertEquals(List.of("get_weather"), calls());
    List<JsonNode> lines = auditLines();
    assertEquals("accept-only", lines.get(0).path("decision").asText());
    assertTrue(lines.stream().anyMatch(l -> l.path("event").asText().equals("reason")
        && l.path("entry").asText().equals("tool:add")
        && l.path("pointers").size() > 0), lines::toString);
    assertTrue(lines.stream().anyMatch(l -> l.path("event").asText().equals("request")
        && l.path("decision").asText().equals("refused")
        && l.path("tool").asText().equals("add")), lines::toString);
  }

  @Test
  void underRejectServerAChangeRefusesEveryCall() throws Exception {
    try (GuardHarness g = guard("description-appended", "--policy", "reject-server")) {
      g.initialize(CLIENT_CAPS);
      JsonNode refused = g.call("get_weather", "{\"location\":{\"city\":\"Oslo\"}}");
      assertEquals("SERVER_REJECTED", refused.path("error").path("data").path("toolseal")
          .path("refusal").asText());
      g.closeAndWait();
    }
    assertEquals(List.of(), calls());
  }

  @Test
  void aForkedLogIsRefusedWithItsEvidenceKeptAndStaysRefusedOnTheNextRun() throws Exception {
    Path store = dir.resolve("checkpoints");
    new FileCheckpointStore(store).compareAndSet(release.logOrigin(), Optional.empty(),
        release.forkedCheckpoint());
    for (int run = 0; run < 2; run++) {
      Files.deleteIfExists(audit()); // each run's own reason must name the evidence
      try (GuardHarness g = guard("baseline", "--checkpoints", store.toString())) {
        g.initialize(CLIENT_CAPS);
        JsonNode refused = g.call("add", "{\"a\":2,\"b\":3}");
        assertEquals("SERVER_REJECTED",
            refused.path("error").path("data").path("toolseal").path("refusal").asText());
        g.closeAndWait();
      }
      assertEquals(List.of(), calls());
      List<Path> evidence;
      try (Stream<Path> files = Files.list(store)) {
        evidence = files.filter(f -> f.toString().endsWith(".fork.json")).toList();
      }
      assertEquals(1, evidence.size());
      String name = evidence.get(0).getFileName().toString();
      assertTrue(auditLines().stream().anyMatch(l -> l.path("event").asText().equals("reason")
          && l.toString().contains(name)), () -> "no reason names " + name);
    }
  }

  @Test
  void aReleaseSignedByAnotherKeyThanThePinnedOneIsRejected() throws Exception {
    try (GuardHarness g = guard("baseline", "--publisher-key",
        release.intruderKey().toString())) {
      g.initialize(CLIENT_CAPS);
      JsonNode refused = g.call("add", "{\"a\":2,\"b\":3}");
      JsonNode data = refused.path("error").path("data").path("toolseal");
      assertEquals("SERVER_REJECTED", data.path("refusal").asText());
      g.closeAndWait();
    }
    assertEquals(List.of(), calls());
    // the reason is audit detail: never in the refusal (docs/design/boundary.md)
    assertTrue(auditLines().stream().anyMatch(l -> l.path("event").asText().equals("reason")
        && l.path("kind").asText().equals("RELEASE_REJECTED")));
  }

  @Test
  void unreadableEvidenceStopsTheGuardBeforeItStarts() throws Exception {
    try (GuardHarness g = GuardHarness.start(List.of("--release",
        dir.resolve("missing.json").toString(), "--log-key", release.logKey()),
        GuardHarness.rugpull("baseline"))) {
      assertEquals(4, g.exitCode());
    }
    try (GuardHarness g = GuardHarness.start(List.of("--release",
        release.release().toString()), GuardHarness.rugpull("baseline"))) {
      assertEquals(2, g.exitCode());
    }
  }

  @Test
  void withoutAPolicyTheGuardAsksForTheRegistryAndStartsNothing() throws Exception {
    try (GuardHarness g = GuardHarness.start(List.of(), GuardHarness.rugpull("baseline"))) {
      assertEquals(2, g.exitCode());
    }
    // trust on first use and release evidence exclude each other
    try (GuardHarness g = GuardHarness.start(List.of("--lock", dir.resolve("l.json").toString(),
        "--release", release.release().toString(), "--log-key", release.logKey()),
        GuardHarness.rugpull("baseline"))) {
      assertEquals(2, g.exitCode());
    }
    assertEquals(List.of(), calls());
  }
}
