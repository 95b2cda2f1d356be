package dev.toolseal.cli.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.relay.Responses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relaying cases {@link GuardRelayTest} leaves out: pagination cursors of the upstream,
 * cancellation, and the server's roots and elicitation requests, with real servers.
 */
class GuardRelayMoreTest {
  @TempDir
  Path dir;

  private GuardHarness rugpull(String variant) throws Exception {
    return GuardHarness.start(List.of("--lock", dir.resolve("lock.json").toString(), "--name",
        "weather"), GuardHarness.rugpull(variant));
  }

  private GuardHarness everything() throws Exception {
    return GuardHarness.start(List.of("--lock", dir.resolve("lock.json").toString(), "--name",
        "everything", "--approve-first"), GuardHarness.everything());
  }

  @Test
  void everyPageOfAPagedListIsVerifiedAndServedAsOne() throws Exception {
    GuardEnforcementTest.approve(dir.resolve("lock.json"), "weather",
        GuardHarness.rugpull("baseline"));
    try (GuardHarness g = rugpull("paged")) {
      g.initialize("{}");
      JsonNode r = g.response(g.request("tools/list", "{}"));
      assertEquals(2, r.path("result").path("tools").size(), r::toString);
      assertFalse(r.path("result").has("nextCursor"), r::toString);
      assertEquals(5, g.call("add", "{\"a\":2,\"b\":3}").path("result")
          .path("structuredContent").path("sum").asInt());
      g.closeAndWait();
    }
    try (GuardHarness g = rugpull("second-page")) { // a tool added on page two only
      g.initialize("{}");
      assertEquals(List.of("add", "get_weather"), g.toolNames());
      JsonNode refused = g.call("send_report", "{\"sidenote\":\"x\"}");
      assertEquals(Responses.REFUSED, refused.path("error").path("code").asInt());
      g.closeAndWait();
    }
    Path audit = dir.resolve("audit.jsonl");
    try (GuardHarness g = GuardHarness.start(List.of("--lock", dir.resolve("lock.json")
        .toString(), "--name", "weather", "--audit", audit.toString()),
        GuardHarness.rugpull("cursor-loop"))) {
      g.initialize("{}");
      JsonNode refused = g.call("add", "{\"a\":2,\"b\":3}");
      JsonNode data = refused.path("error").path("data").path("toolseal");
      assertEquals("SERVER_REJECTED", data.path("refusal").asText(), refused::toString);
      g.closeAndWait();
    }
    // why is audit detail, never in the refusal
    assertTrue(java.nio.file.Files.readAllLines(audit).stream().anyMatch(l ->
        l.contains("\"event\":\"reason\"") && l.contains("\"kind\":\"RECORDING_FAILED\"")));
  }

  /**
   * A cancelled call gets no answer: the server saw the cancellation. Proven by order, not by a
   * timeout: the cancelled call would end about 1.5 s after the cancellation, a second call
   * started after it takes 4 s, and its answer comes with no answer to the first before it.
   */
  @Test
  void aCancellationReachesTheServer() throws Exception {
    try (GuardHarness g = everything()) {
      g.initialize("{}");
      g.toolNames();
      int first = g.request("tools/call", "{\"name\":\"trigger-long-running-operation\","
          + "\"arguments\":{\"duration\":2,\"steps\":4},\"_meta\":{\"progressToken\":\"c\"}}");
      JsonNode m = g.receive();
      while (!m.path("method").asText().equals("notifications/progress")) {
        assertFalse(m.path("id").asInt(-1) == first, m::toString);
        m = g.receive();
      }
      g.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/cancelled\",\"params\":"
          + "{\"requestId\":" + first + ",\"reason\":\"test\"}}");
      int second = g.request("tools/call", "{\"name\":\"trigger-long-running-operation\","
          + "\"arguments\":{\"duration\":4,\"steps\":1}}");
      List<JsonNode> others = new ArrayList<>();
      JsonNode done = g.response(second, others);
      assertTrue(done.has("result"), done::toString);
      assertTrue(others.stream().noneMatch(o -> !o.has("method")
          && o.path("id").asInt(-1) == first), others::toString);
      assertEquals(0, g.closeAndWait());
    }
  }

  @Test
  void theServersRootsRequestIsAnsweredByTheClient() throws Exception {
    try (GuardHarness g = everything()) {
      g.initialize("{\"roots\":{\"listChanged\":true}}");
      assertTrue(g.toolNames().contains("get-roots-list"));
      int call = g.request("tools/call", "{\"name\":\"get-roots-list\",\"arguments\":{}}");
      JsonNode result = answerUntil(g, call, "roots/list",
          "{\"roots\":[{\"uri\":\"file:///work/guarded-root\",\"name\":\"guarded\"}]}");
      assertTrue(result.toString().contains("file:///work/guarded-root"), result::toString);
      assertEquals(0, g.closeAndWait());
    }
  }

  @Test
  void theServersElicitationRequestIsAnsweredByTheClient() throws Exception {
    try (GuardHarness g = everything()) {
      g.initialize("{\"elicitation\":{}}");
      assertTrue(g.toolNames().contains("trigger-elicitation-request"));
      int call = g.request("tools/call", "{\"name\":\"trigger-elicitation-request\","
          + "\"arguments\":{}}");
      JsonNode result = answerUntil(g, call, "elicitation/create", "{\"action\":\"decline\"}");
      assertTrue(result.has("result"), result::toString);
      assertTrue(result.toString().contains("declined"), result::toString);
      assertEquals(0, g.closeAndWait());
    }
  }

  /** Answers every {@code method} request with {@code answer} until the response to {@code id}. */
  private static JsonNode answerUntil(GuardHarness g, int id, String method, String answer) {
    while (true) {
      JsonNode m = g.receive();
      if (m.path("method").asText().equals(method) && m.has("id")) {
        g.send("{\"jsonrpc\":\"2.0\",\"id\":" + m.get("id") + ",\"result\":" + answer + "}");
      } else if (!m.has("method") && m.path("id").isNumber() && m.path("id").asInt() == id) {
        return m;
      }
    }
  }
}
