package dev.toolseal.cli.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.relay.Responses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toolseal guard --url}: the reference "everything" server over streamable HTTP behind
 * the guard, which the test drives over stdio.
 */
class GuardHttpUpstreamTest {
  private static EverythingOverHttp server;

  @TempDir
  Path dir;

  @BeforeAll
  static void startServer() throws Exception {
    server = EverythingOverHttp.start();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  private GuardHarness guard(String name, String... more) throws Exception {
    List<String> options = new ArrayList<>(List.of("--url", server.url(), "--lock",
        dir.resolve("lock.json").toString(), "--name", name, "--audit",
        dir.resolve("audit.jsonl").toString()));
    options.addAll(List.of(more));
    return GuardHarness.start(options, List.of());
  }

  @Test
  void aPinnedHttpServerAnswersARealCallInEverySession() throws Exception {
    for (int session = 0; session < 2; session++) {
      try (GuardHarness g = guard("everything", "--approve-first")) {
        g.initialize("{}");
        assertTrue(g.toolNames().contains("echo"));
        JsonNode r = g.call("echo", "{\"message\":\"over http\"}");
        assertTrue(r.path("result").path("content").get(0).path("text").asText()
            .contains("over http"), r::toString);
        assertEquals(0, g.closeAndWait());
      }
    }
    List<String> audit = Files.readAllLines(dir.resolve("audit.jsonl"));
    assertTrue(audit.stream().filter(l -> l.contains("\"event\":\"verification\""))
        .allMatch(l -> l.contains("\"decision\":\"accept-all\"")), audit::toString);
  }

  @Test
  void anHttpServerThatIsNotThePinnedOneIsRefused() throws Exception {
    GuardEnforcementTest.approve(dir.resolve("lock.json"), "everything",
        GuardHarness.rugpull("baseline"));
    try (GuardHarness g = guard("everything")) {
      g.initialize("{}");
      JsonNode refused = g.call("echo", "{\"message\":\"x\"}");
      assertEquals(Responses.REFUSED, refused.path("error").path("code").asInt(),
          refused::toString);
      assertEquals("SERVER_REJECTED", refused.path("error").path("data").path("toolseal")
          .path("refusal").asText());
      assertEquals(0, g.closeAndWait());
    }
  }

  @Test
  void aBadUrlIsAUsageError() throws Exception {
    try (GuardHarness g = GuardHarness.start(List.of("--url", "ftp://example/x"), List.of())) {
      assertEquals(2, g.exitCode());
    }
  }
}
