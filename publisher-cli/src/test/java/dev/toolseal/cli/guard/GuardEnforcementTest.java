package dev.toolseal.cli.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.cli.Main;
import dev.toolseal.verifier.relay.Responses;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toolseal guard} in front of the rug-pull test server: the baseline is pinned with
 * {@code guard approve}, then each variant runs under the same name.
 */
class GuardEnforcementTest {
  static final String NAME = "weather";

  @TempDir
  Path dir;

  private Path lock() {
    return dir.resolve("toolseal.lock.json");
  }

  private Path audit() {
    return dir.resolve("audit.jsonl");
  }

  private Path callLog() {
    return dir.resolve("calls.log");
  }

  static int approve(Path lock, String name, List<String> command, String... more) {
    List<String> args = new ArrayList<>(List.of("guard", "approve", "--lock", lock.toString(),
        "--name", name, "--yes"));
    args.addAll(List.of(more));
    args.add("--");
    args.addAll(command);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args.toArray(String[]::new));
    assertEquals(0, code, () -> out.toString(StandardCharsets.UTF_8)
        + err.toString(StandardCharsets.UTF_8));
    return code;
  }

  private GuardHarness guard(String variant, String... more) throws Exception {
    List<String> options = new ArrayList<>(List.of("--lock", lock().toString(), "--name", NAME,
        "--audit", audit().toString(), "--env", "RUGPULL_CALL_LOG=" + callLog()));
    options.addAll(List.of(more));
    return GuardHarness.start(options, GuardHarness.rugpull(variant));
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
  void theApprovedBaselineIsRelayedWhole() throws Exception {
    approve(lock(), NAME, GuardHarness.rugpull("baseline"));
    try (GuardHarness g = guard("baseline")) {
      g.initialize("{}");
      assertEquals(List.of("add", "get_weather"), g.toolNames());
      JsonNode r = g.call("add", "{\"a\":2,\"b\":3}");
      assertEquals(5, r.path("result").path("structuredContent").path("sum").asInt());
      assertEquals(0, g.closeAndWait());
    }
    assertEquals(List.of("add"), calls());
    JsonNode verification = auditLines().get(0);
    assertEquals("verification", verification.path("event").asText());
    assertEquals("accept-all", verification.path("decision").asText());
  }

  @Test
  void aClientWithOtherCapabilitiesThanThePinStillMatchesIt() throws Exception {
    approve(lock(), NAME, GuardHarness.rugpull("baseline")); // pinned with no capabilities
    try (GuardHarness g = guard("baseline")) {
      g.initialize("{\"sampling\":{},\"elicitation\":{},\"roots\":{\"listChanged\":true}}");
      assertEquals(List.of("add", "get_weather"), g.toolNames());
      assertEquals(5, g.call("add", "{\"a\":2,\"b\":3}").path("result")
          .path("structuredContent").path("sum").asInt());
      g.closeAndWait();
    }
    JsonNode v = auditLines().get(0);
    assertEquals("accept-all", v.path("decision").asText(), v::toString);
    assertTrue(v.path("clientCapabilities").has("elicitation"), v::toString);
    assertEquals(0, v.path("comparedClientCapabilities").size(), v::toString);
  }

  @Test
  void changedToolsAreHiddenAndTheirCallsNeverReachTheServer() throws Exception {
    approve(lock(), NAME, GuardHarness.rugpull("baseline"));
    for (String variant : List.of("description-appended", "param-added")) {
      try (GuardHarness g = guard(variant)) {
        g.initialize("{}");
        assertEquals(List.of("get_weather"), g.toolNames(), variant);
        JsonNode refused = g.call("add", "{\"a\":2,\"b\":3}");
        JsonNode data = refused.path("error").path("data").path("toolseal");
        assertEquals(Responses.REFUSED, refused.path("error").path("code").asInt(), variant);
        assertEquals("NOT_VERIFIED", data.path("refusal").asText());
        assertEquals("tool:add", data.path("entry").asText());
        assertFalse(data.has("reasons"), refused::toString); // audit detail only
        g.call("get_weather", "{\"location\":{\"city\":\"Oslo\"}}");
        g.closeAndWait();
      }
    }
    assertEquals(List.of("get_weather", "get_weather"), calls());
    assertTrue(auditLines().stream().anyMatch(l -> l.path("event").asText().equals("request")
        && l.path("decision").asText().equals("refused")
        && l.path("tool").asText().equals("add")
        && l.path("reasons").get(0).path("kind").asText().equals("CHANGED")
        && l.path("reasons").get(0).path("pointers").size() > 0));
  }

  @Test
  void anAddedToolIsHidden() throws Exception {
    approve(lock(), NAME, GuardHarness.rugpull("baseline"));
    try (GuardHarness g = guard("tool-added")) {
      g.initialize("{}");
      assertEquals(List.of("add", "get_weather"), g.toolNames());
      JsonNode refused = g.call("run_shell", "{\"cmd\":\"id\"}");
      assertEquals("NOT_VERIFIED", refused.path("error").path("data").path("toolseal")
          .path("refusal").asText());
      g.closeAndWait();
    }
    assertEquals(List.of(), calls());
    assertTrue(auditLines().stream().anyMatch(l -> l.path("event").asText().equals("request")
        && l.path("tool").asText().equals("run_shell")
        && l.path("reasons").get(0).path("kind").asText().equals("ADDED")));
    assertTrue(auditLines().stream().anyMatch(l -> l.path("event").asText().equals("reason")
        && l.path("kind").asText().equals("ADDED") && l.path("tool").asText().equals("run_shell")
        && l.path("entryDigest").asText().length() == 64));
  }

  @Test
  void changedInstructionsBlockEveryRequest() throws Exception {
    approve(lock(), NAME, GuardHarness.rugpull("baseline"));
    try (GuardHarness g = guard("instructions-changed")) {
      assertEquals("SERVER_REJECTED", g.initialize("{}").path("error").path("data")
          .path("toolseal").path("refusal").asText()); // its initialize is not relayed
      for (String method : List.of("tools/list", "prompts/list", "ping")) {
        JsonNode r = g.response(g.request(method, "{}"));
        assertEquals("SERVER_REJECTED", r.path("error").path("data").path("toolseal")
            .path("refusal").asText(), method);
      }
      JsonNode call = g.call("add", "{\"a\":1,\"b\":1}");
      assertEquals("SERVER_REJECTED", call.path("error").path("data").path("toolseal")
          .path("refusal").asText());
      g.closeAndWait();
    }
    assertEquals(List.of(), calls());
    assertTrue(auditLines().stream().anyMatch(l -> l.path("event").asText().equals("reason")
        && l.path("entry").asText().equals("server:instructions")));
    assertEquals("reject-server", auditLines().get(0).path("decision").asText());
  }

  @Test
  void aChangeMidSessionIsCaughtBeforeTheNotificationIsForwarded() throws Exception {
    approve(lock(), NAME, GuardHarness.rugpull("call-then-change"));
    try (GuardHarness g = guard("call-then-change")) {
      g.initialize("{}");
      assertEquals(List.of("add", "get_weather"), g.toolNames());
      List<JsonNode> others = new ArrayList<>();
      JsonNode sum = g.response(g.request("tools/call",
          "{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2}}"), others);
      assertEquals(3, sum.path("result").path("structuredContent").path("sum").asInt());
      JsonNode note = others.isEmpty() ? g.receive() : others.get(0);
      assertEquals("notifications/tools/list_changed", note.path("method").asText());
      // the notification reached us only after re-verification: the new tool is already hidden
      assertEquals(List.of("add", "get_weather"), g.toolNames());
      JsonNode refused = g.call("run_shell", "{\"cmd\":\"id\"}");
      assertEquals("NOT_VERIFIED", refused.path("error").path("data").path("toolseal")
          .path("refusal").asText());
      g.closeAndWait();
    }
    assertEquals(List.of("add"), calls());
    assertTrue(auditLines().stream().anyMatch(l -> l.path("event").asText().equals("request")
        && l.path("tool").asText().equals("run_shell")
        && l.path("reasons").get(0).path("kind").asText().equals("ADDED")));
    assertEquals(2, auditLines().stream().filter(l -> l.path("event").asText()
        .equals("verification")).count());
  }

  @Test
  void withoutAPinNothingIsTrustedUnlessApproveFirst() throws Exception {
    try (GuardHarness g = guard("baseline")) {
      g.initialize("{}");
      JsonNode r = g.response(g.request("tools/list", "{}"));
      assertEquals("SERVER_REJECTED", r.path("error").path("data").path("toolseal")
          .path("refusal").asText());
      g.closeAndWait();
    }
    assertFalse(Files.exists(lock()));
    try (GuardHarness g = guard("baseline", "--approve-first")) {
      g.initialize("{}");
      assertEquals(List.of("add", "get_weather"), g.toolNames());
      g.closeAndWait();
    }
    assertTrue(Files.exists(lock()));
    try (GuardHarness g = guard("tool-removed")) {
      g.initialize("{}");
      assertEquals(List.of("get_weather"), g.toolNames());
      g.closeAndWait();
    }
  }

  @Test
  void rejectServerPolicyBlocksEverythingOnAnyChange() throws Exception {
    approve(lock(), NAME, GuardHarness.rugpull("baseline"));
    try (GuardHarness g = guard("description-appended", "--policy", "reject-server")) {
      g.initialize("{}");
      JsonNode r = g.response(g.request("tools/list", "{}"));
      assertEquals("SERVER_REJECTED", r.path("error").path("data").path("toolseal")
          .path("refusal").asText());
      assertEquals("SERVER_REJECTED", g.call("get_weather", "{}").path("error").path("data")
          .path("toolseal").path("refusal").asText());
      g.closeAndWait();
    }
    assertEquals(List.of(), calls());
  }

  @Test
  void aPromptChangedMidSessionIsHiddenAndRefused() throws Exception {
    approve(lock(), NAME, GuardHarness.rugpull("call-then-change-prompt"));
    try (GuardHarness g = guard("call-then-change-prompt")) {
      g.initialize("{}");
      String get = "{\"name\":\"summarise\",\"arguments\":{\"text\":\"x\"}}";
      assertTrue(g.response(g.request("prompts/get", get)).has("result"));
      List<JsonNode> others = new ArrayList<>();
      g.response(g.request("tools/call", "{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2}}"),
          others);
      JsonNode note = others.isEmpty() ? g.receive() : others.get(0);
      assertEquals("notifications/prompts/list_changed", note.path("method").asText());
      JsonNode prompts = g.response(g.request("prompts/list", "{}"));
      assertEquals(0, prompts.path("result").path("prompts").size());
      JsonNode refused = g.response(g.request("prompts/get", get));
      assertEquals("prompt:summarise", refused.path("error").path("data").path("toolseal")
          .path("entry").asText());
      g.closeAndWait();
    }
  }

  @Test
  void aRenamedResourceCannotBeRead() throws Exception {
    approve(lock(), NAME, GuardHarness.rugpull("baseline"));
    try (GuardHarness g = guard("resource-changed")) {
      g.initialize("{}");
      JsonNode list = g.response(g.request("resources/list", "{}"));
      assertEquals(0, list.path("result").path("resources").size());
      JsonNode refused = g.response(g.request("resources/read",
          "{\"uri\":\"file:///etc/passwd\"}"));
      assertEquals("NOT_VERIFIED", refused.path("error").path("data").path("toolseal")
          .path("refusal").asText());
      assertTrue(g.response(g.request("resources/read", "{\"uri\":\"weather://oslo\"}"))
          .has("result")); // a templated URI: the template is unchanged
      assertEquals(List.of("add", "get_weather"), g.toolNames());
      g.closeAndWait();
    }
    assertTrue(auditLines().stream().anyMatch(l -> l.path("event").asText().equals("request")
        && l.path("entry").asText().equals("resource:file:///etc/passwd")
        && l.path("reasons").get(0).path("kind").asText().equals("RENAMED")));
  }
}
