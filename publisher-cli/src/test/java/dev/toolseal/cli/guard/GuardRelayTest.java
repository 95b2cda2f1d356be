package dev.toolseal.cli.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.cli.ExitCode;
import dev.toolseal.verifier.relay.Responses;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Relay correctness: ids, batches, notifications, server requests, stderr and shutdown. */
class GuardRelayTest {
  @TempDir
  Path dir;

  private GuardHarness everything() throws Exception {
    return GuardHarness.start(List.of("--lock", dir.resolve("lock.json").toString(), "--name",
        "everything", "--approve-first"), GuardHarness.everything());
  }

  @Test
  void idsOfEveryShapeComeBackUnchanged() throws Exception {
    try (GuardHarness g = GuardHarness.start(List.of("--lock", dir.resolve("l.json").toString(),
        "--name", "w", "--approve-first"), GuardHarness.rugpull("baseline"))) {
      g.initialize("{}");
      // integers up to 2^53 - 1 only: a JavaScript server reads larger ones as doubles
      for (String id : List.of("\"a-string\"", "\"\"", "0", "-7", "9007199254740991",
          "\"toolseal-guard-x-1\"", "\"\\u00e9\"")) {
        g.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"tools/call\",\"params\":"
            + "{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":1}}}");
        JsonNode r = g.receive();
        assertEquals(GuardHarness.JSON.readTree(id), r.get("id"), id);
        assertEquals("2", r.path("result").path("content").get(0).path("text").asText());
      }
      g.closeAndWait();
    }
  }

  @Test
  void aBatchIsAnsweredElementByElement() throws Exception {
    try (GuardHarness g = GuardHarness.start(List.of("--lock", dir.resolve("l.json").toString(),
        "--name", "w", "--approve-first"), GuardHarness.rugpull("baseline"))) {
      g.initialize("{}");
      g.toolNames(); // the verdict is in force: the batch is judged as one
      g.send("[{\"jsonrpc\":\"2.0\",\"id\":\"t\",\"method\":\"tools/list\"},"
          + "{\"jsonrpc\":\"2.0\",\"id\":\"p\",\"method\":\"prompts/list\"},"
          + "{\"jsonrpc\":\"2.0\",\"id\":\"x\",\"method\":\"tools/call\",\"params\":"
          + "{\"name\":\"nope\"}}]");
      JsonNode answers = g.receive();
      assertTrue(answers.isArray());
      assertEquals(3, answers.size());
      assertEquals("t", answers.get(0).path("id").asText());
      assertEquals(2, answers.get(0).path("result").path("tools").size());
      assertEquals(1, answers.get(1).path("result").path("prompts").size());
      assertEquals(Responses.REFUSED, answers.get(2).path("error").path("code").asInt());
      g.closeAndWait();
    }
  }

  @Test
  void malformedClientLinesGetJsonRpcErrorsAndTheSessionGoesOn() throws Exception {
    try (GuardHarness g = GuardHarness.start(List.of("--lock", dir.resolve("l.json").toString(),
        "--name", "w", "--approve-first", "--max-message-bytes", "2048"),
        GuardHarness.rugpull("baseline"))) {
      g.initialize("{}");
      List<String> bad = List.of("{", "{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"x\"}",
          "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}", "[]", "\"\\ud800\"",
          "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"ping\"}", "x".repeat(5000));
      for (String line : bad) {
        g.send(line);
        JsonNode r = g.receive();
        assertTrue(r.path("id").isNull(), line);
        int code = r.path("error").path("code").asInt();
        assertTrue(code == -32700 || code == -32600, line);
      }
      assertEquals(List.of("add", "get_weather"), g.toolNames());
      g.closeAndWait();
    }
  }

  @Test
  void progressNotificationsAndServerRequestsAreRelayed() throws Exception {
    try (GuardHarness g = everything()) {
      g.initialize("{\"sampling\":{}}");
      List<String> tools = g.toolNames();
      assertTrue(tools.contains("trigger-long-running-operation"), tools::toString);
      List<JsonNode> others = new ArrayList<>();
      int id = g.request("tools/call", "{\"name\":\"trigger-long-running-operation\","
          + "\"arguments\":{\"duration\":1,\"steps\":2},\"_meta\":{\"progressToken\":\"p1\"}}");
      JsonNode done = g.response(id, others);
      assertTrue(done.has("result"), done::toString);
      assertTrue(others.stream().anyMatch(m -> m.path("method").asText()
          .equals("notifications/progress")
          && m.path("params").path("progressToken").asText().equals("p1")), others::toString);

      int call = g.request("tools/call", "{\"name\":\"trigger-sampling-request\","
          + "\"arguments\":{\"prompt\":\"hi\",\"maxTokens\":5}}");
      JsonNode sampling = g.receive();
      while (!sampling.path("method").asText().equals("sampling/createMessage")) {
        sampling = g.receive();
      }
      g.send("{\"jsonrpc\":\"2.0\",\"id\":" + sampling.get("id") + ",\"result\":{\"role\":"
          + "\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"sampled-answer\"},"
          + "\"model\":\"test\"}}");
      JsonNode result = g.response(call);
      assertTrue(result.toString().contains("sampled-answer"), result::toString);
      assertEquals(0, g.closeAndWait());
    }
  }

  @Test
  void theChildsStderrPassesThroughAndItsDeathEndsTheGuard() throws Exception {
    try (GuardHarness g = GuardHarness.start(List.of("--lock", dir.resolve("l.json").toString(),
        "--name", "w"), GuardHarness.rugpull("no-such-variant"))) {
      assertEquals(ExitCode.IO, g.exitCode());
      assertTrue(g.err().contains("unknown variant"), g::err);
    }
  }

  @Test
  void aRequestInFlightWhenTheChildDiesIsAnswered() throws Exception {
    try (GuardHarness g = GuardHarness.start(List.of("--lock", dir.resolve("l.json").toString(),
        "--name", "w"), List.of("sh", "-c", "read line; echo gone >&2; exit 3"))) {
      int id = g.request("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
          + "\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}");
      JsonNode r = g.response(id);
      assertEquals("UPSTREAM_CLOSED", r.path("error").path("data").path("toolseal")
          .path("refusal").asText());
      assertEquals(ExitCode.IO, g.exitCode());
      assertTrue(g.err().contains("gone"), g::err);
    }
  }

  @Test
  void closingTheClientStopsTheChild() throws Exception {
    Path pid = dir.resolve("pid");
    try (GuardHarness g = GuardHarness.start(List.of("--lock", dir.resolve("l.json").toString(),
        "--name", "w", "--approve-first", "--shutdown-grace", "1"), List.of("sh", "-c",
        "echo $$ > '" + pid + "'; exec node '" + GuardHarness.servers()
            .resolve("rugpull-server.mjs") + "' baseline"))) {
      g.initialize("{}");
      assertEquals(List.of("add", "get_weather"), g.toolNames());
      assertEquals(0, g.closeAndWait());
    }
    long child = Long.parseLong(java.nio.file.Files.readString(pid).trim());
    assertTrue(ProcessHandle.of(child).map(p -> !p.isAlive()).orElse(true));
  }

  @Test
  void anUpstreamThatSendsMalformedJsonIsRejectedForTheSession() throws Exception {
    String init = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{\"protocolVersion\":"
        + "\"2025-11-25\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"s\","
        + "\"version\":\"1\"}}}";
    Path audit = dir.resolve("audit.jsonl");
    try (GuardHarness g = GuardHarness.start(List.of("--lock", dir.resolve("l.json").toString(),
        "--name", "w", "--approve-first", "--audit", audit.toString()), List.of("sh", "-c",
        "read a; echo '" + init
            + "'; read b; read c; echo '{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2}'; "
            + "while read d; do :; done"))) {
      g.initialize("{}");
      JsonNode r = g.response(g.request("tools/list", "{}"));
      assertEquals("SERVER_REJECTED", r.path("error").path("data").path("toolseal")
          .path("refusal").asText(), r::toString);
      assertEquals(0, g.closeAndWait());
    }
    // refused for the malformed line, not for a recording that timed out (audit detail)
    assertTrue(java.nio.file.Files.readAllLines(audit).stream().anyMatch(l ->
        l.contains("\"event\":\"reason\"") && l.contains("\"kind\":\"VERIFICATION_FAILED\"")),
        () -> "no VERIFICATION_FAILED reason in the audit log");
  }
}
