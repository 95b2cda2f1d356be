package dev.toolseal.cli.guard;

import dev.toolseal.verifier.relay.Responses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client boundary (docs/design/boundary.md) against a hostile server that writes raw
 * JSON-RPC ({@code scripted-server.mjs}): every string it says beyond its pinned baseline holds
 * {@code CANARY}, and no message the client receives may contain it.
 */
class GuardBoundaryTest {
  static final String NAME = "scripted";
  static final String CANARY = "CANARY";

  @TempDir
  Path dir;

  private Path lock() {
    return dir.resolve("toolseal.lock.json");
  }

  private Path audit() {
    return dir.resolve("audit.jsonl");
  }

  private Path serverLog() {
    return dir.resolve("server.log");
  }

  static List<String> scripted(String variant) {
    try {
      Path script = Path.of(GuardBoundaryTest.class.getResource("scripted-server.mjs").toURI());
      return List.of("node", script.toString(), variant);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private void pin(String variant, String... more) {
    GuardEnforcementTest.approve(lock(), NAME, scripted(variant), more);
  }

  private GuardHarness guard(String variant, String... more) throws Exception {
    List<String> options = new ArrayList<>(List.of("--lock", lock().toString(), "--name", NAME,
        "--audit", audit().toString(), "--env", "SCRIPT_LOG=" + serverLog()));
    options.addAll(List.of(more));
    return GuardHarness.start(options, scripted(variant));
  }

  private List<JsonNode> auditLines(String event) throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(audit())) {
      JsonNode line = GuardHarness.JSON.readTree(l);
      if (line.path("event").asText().equals(event)) {
        lines.add(line);
      }
    }
    return lines;
  }

  private List<JsonNode> serverLines() throws Exception {
    List<JsonNode> lines = new ArrayList<>();
    for (String l : Files.readAllLines(serverLog())) {
      lines.add(GuardHarness.JSON.readTree(l));
    }
    return lines;
  }

  /** Every message up to and including the answer to a ping the client sends now. */
  private static List<JsonNode> drain(GuardHarness g, List<JsonNode> seen) {
    int ping = g.request("ping", "{}");
    JsonNode answer = g.response(ping, seen);
    seen.add(answer);
    return seen;
  }

  /** The client's side of one session: what it sends, and what it checks on the way. */
  @FunctionalInterface
  private interface Client {
    void talk(GuardHarness g, List<JsonNode> seen) throws Exception;
  }

  /** Every message the client saw, and the guard's stderr once the session was drained. */
  private record Session(List<JsonNode> seen, String err) {}

  /**
   * Runs {@code client} against the guard in front of {@code variant}, then pings so every
   * message the guard had for the client arrives, leaves, and checks that none carried the
   * marker.
   */
  private Session session(String variant, Client client, String... options) throws Exception {
    List<JsonNode> seen = new ArrayList<>();
    String err;
    try (GuardHarness g = guard(variant, options)) {
      client.talk(g, seen);
      drain(g, seen);
      err = g.err();
      g.closeAndWait();
    }
    assertNoCanary(seen);
    return new Session(seen, err);
  }

  private static void assertNoCanary(List<JsonNode> received) {
    for (JsonNode m : received) {
      assertFalse(m.toString().contains(CANARY), m::toString);
    }
  }

  private static JsonNode toolseal(JsonNode response) {
    return response.path("error").path("data").path("toolseal");
  }

  private static void assertRefusal(String refusal, JsonNode response) {
    assertEquals(Responses.REFUSED, response.path("error").path("code").asInt(),
        response::toString);
    // the one fixed message format the boundary allows (boundary.md, "Refusals")
    assertEquals("ToolSeal refused this request (" + refusal + ")",
        response.path("error").path("message").asText(), response::toString);
    assertEquals(refusal, toolseal(response).path("refusal").asText(), response::toString);
    assertFalse(toolseal(response).has("reasons"), response::toString);
  }

  // ---- 1. routing: responses only for forwarded, unanswered client requests ----

  @Test
  void aResponseForTheClientsNextIdIsDroppedAndAudited() throws Exception {
    pin("baseline");
    Session session = session("forge-1", (g, seen) -> {
      seen.add(g.initialize("{}"));
      int list = g.request("tools/list", "{}");
      assertEquals(2, list);
      JsonNode tools = g.response(list, seen);
      seen.add(tools);
      assertEquals(2, tools.path("result").path("tools").size(), tools::toString);
      JsonNode sum = g.response(g.request("tools/call",
          "{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":2}}"), seen);
      seen.add(sum);
      assertEquals("3", sum.path("result").path("content").get(0).path("text").asText());
    });
    assertTrue(session.err().contains("routing"), session::err);
    List<JsonNode> routing = auditLines("routing");
    assertEquals(1, routing.size(), routing::toString);
    assertEquals("dropped", routing.get(0).path("decision").asText());
  }

  @Test
  void theThirdRoutingViolationRejectsTheServer() throws Exception {
    pin("baseline");
    session("forge-3", (g, seen) -> {
      JsonNode init = g.initialize("{}");
      seen.add(init);
      assertRefusal("SERVER_REJECTED", init);
      for (int i = 0; i < 3; i++) {
        JsonNode r = g.response(g.request("tools/list", "{}"), seen);
        seen.add(r);
        assertRefusal("SERVER_REJECTED", r);
      }
    });
    assertEquals(3, auditLines("routing").size());
  }

  @Test
  void aSecondAnswerToTheSameRequestIsDropped() throws Exception {
    pin("baseline");
    Session session = session("double", (g, seen) -> {
      seen.add(g.initialize("{}"));
      int call = g.request("tools/call", "{\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":2}}");
      JsonNode sum = g.response(call, seen);
      seen.add(sum);
      assertEquals("4", sum.path("result").path("content").get(0).path("text").asText());
    });
    List<JsonNode> seen = session.seen();
    assertEquals(1, seen.stream().filter(m -> !m.has("method") && m.path("id").asInt() == 2)
        .count(), seen::toString);
    assertEquals(1, auditLines("routing").size());
  }

  @Test
  void aServerBatchIsJudgedElementByElement() throws Exception {
    pin("baseline");
    session("batch", (g, seen) -> {
      seen.add(g.initialize("{}"));
      JsonNode sum = g.response(g.request("tools/call",
          "{\"name\":\"add\",\"arguments\":{\"a\":3,\"b\":4}}"), seen);
      seen.add(sum);
      assertEquals("7", sum.path("result").path("content").get(0).path("text").asText());
      assertFalse(sum.isArray(), sum::toString); // delivered as a single message
    });
    List<JsonNode> routing = auditLines("routing");
    assertEquals(2, routing.size(), routing::toString); // id 99 and the null id: not rejected
  }

  @Test
  void aLateAnswerToTheGuardsOwnTimedOutRequestIsDroppedAndAudited() throws Exception {
    pin("baseline");
    Session session = session("late", (g, seen) -> {
      JsonNode init = g.initialize("{}");
      seen.add(init);
      assertRefusal("SERVER_REJECTED", init); // the recording timed out
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (auditLines("routing").isEmpty() && System.nanoTime() < deadline) {
        Thread.sleep(50); // the server answers 2.5 s after the guard asked
      }
    }, "--timeout", "1");
    assertTrue(session.err().contains("routing"), session::err);
    List<JsonNode> routing = auditLines("routing");
    assertEquals(1, routing.size(), routing::toString);
    assertEquals("dropped", routing.get(0).path("decision").asText());
    assertTrue(routing.get(0).toString().contains("toolseal-guard-"), routing::toString);
  }

  @Test
  void aListChangedNotificationReachesTheClientWithoutTheServersParams() throws Exception {
    pin("baseline");
    Session session = session("note", (g, seen) -> {
      seen.add(g.initialize("{}"));
      JsonNode sum = g.response(g.request("tools/call",
          "{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":1}}"), seen);
      seen.add(sum);
    });
    List<JsonNode> seen = session.seen();
    assertTrue(seen.stream().anyMatch(m -> m.path("method").asText()
        .equals("notifications/tools/list_changed")), seen::toString);
  }

  private static HttpResponse<String> post(HttpClient http, URI url, String session, String body)
      throws Exception {
    HttpRequest.Builder r = HttpRequest.newBuilder(url).header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofString(body));
    if (session != null) {
      r.header("Mcp-Session-Id", session);
    }
    return http.send(r.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** Over {@code --listen} the client side carries only what the session emits. */
  @Test
  void overListenAForgedResponseReachesNoStream() throws Exception {
    pin("baseline");
    List<String> seen = new ArrayList<>();
    LinkedBlockingQueue<String> serverStream = new LinkedBlockingQueue<>();
    try (GuardHarness g = guard("forge-1", "--listen", "127.0.0.1:0")) {
      URI url = GuardHttpListenTest.url(g);
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> init = post(http, url, null, "{\"jsonrpc\":\"2.0\",\"id\":1,"
          + "\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}");
      seen.add(init.body());
      String session = init.headers().firstValue("Mcp-Session-Id").orElseThrow();
      assertEquals(202, post(http, url, session,
          "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}").statusCode());
      // the server's own stream: a message the session let through would be waiting for it
      http.sendAsync(HttpRequest.newBuilder(url).header("Mcp-Session-Id", session)
          .header("Accept", "text/event-stream").GET().build(),
          HttpResponse.BodyHandlers.ofLines()).thenAccept(r -> r.body()
              .forEach(serverStream::add));
      HttpResponse<String> list = post(http, url, session,
          "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}");
      seen.add(list.body());
      assertTrue(list.body().contains("get_weather"), list::body);
      seen.add(post(http, url, session, "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}")
          .body());
      http.send(HttpRequest.newBuilder(url).header("Mcp-Session-Id", session).DELETE().build(),
          HttpResponse.BodyHandlers.discarding());
      assertEquals(0, g.exitCode());
    }
    seen.addAll(serverStream);
    for (String body : seen) {
      assertFalse(body.contains(CANARY), body);
    }
    assertEquals(1, auditLines("routing").size());
  }

  // ---- 2. initialize is answered from the verified snapshot ----

  @Test
  void changedInstructionsNeverReachTheClientsInitialize() throws Exception {
    pin("baseline");
    session("instructions", (g, seen) -> {
      JsonNode init = g.initialize("{}");
      seen.add(init);
      assertRefusal("SERVER_REJECTED", init);
    });
    assertTrue(auditLines("reason").stream().anyMatch(l -> l.path("entry").asText()
        .equals("server:instructions")));
  }

  @Test
  void theReferencesProtocolVersionIsAskedForAndTheGuardSendsInitialized() throws Exception {
    pin("baseline", "--protocol-version", "2025-06-18");
    try (GuardHarness g = guard("baseline")) {
      int id = g.request("initialize", "{\"protocolVersion\":\"2099-01-01\",\"capabilities\":{},"
          + "\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}");
      JsonNode init = g.response(id);
      assertEquals("2025-06-18", init.path("result").path("protocolVersion").asText(),
          init::toString);
      assertEquals("scripted", init.path("result").path("serverInfo").path("name").asText());
      g.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      assertEquals(List.of("add", "get_weather"), g.toolNames());
      g.closeAndWait();
    }
    List<JsonNode> got = serverLines();
    assertEquals("initialize", got.get(0).path("method").asText());
    assertEquals("2025-06-18", got.get(0).path("params").path("protocolVersion").asText());
    assertEquals("notifications/initialized", got.get(1).path("method").asText(),
        got::toString);
    assertEquals(1, got.stream().filter(m -> m.path("method").asText()
        .equals("notifications/initialized")).count(), got::toString); // the client's: not sent
    assertEquals(1, auditLines("initialize").size());
  }

  @Test
  void aSecondInitializeIsRefused() throws Exception {
    pin("baseline");
    try (GuardHarness g = guard("baseline")) {
      g.initialize("{}");
      JsonNode again = g.response(g.request("initialize", "{\"protocolVersion\":\"2025-11-25\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}"));
      assertRefusal("ALREADY_INITIALIZED", again);
      g.closeAndWait();
    }
  }

  // ---- 3. refusals carry no server text ----

  @Test
  void aRefusalHoldsNoReasonTextAndTheAuditLogDoes() throws Exception {
    pin("baseline");
    session("changed", (g, seen) -> {
      seen.add(g.initialize("{}"));
      assertEquals(List.of("get_weather"), g.toolNames());
      int call = g.request("tools/call", "{\"name\":\"add\",\"arguments\":{\"a\":1,\"b\":1}}");
      JsonNode refused = g.response(call, seen);
      seen.add(refused);
      assertRefusal("NOT_VERIFIED", refused);
      JsonNode t = toolseal(refused);
      assertEquals("tool:add", t.path("entry").asText());
      assertEquals(NAME, t.path("server").asText());
      assertEquals(64, t.path("manifestDigest").asText().length());
      JsonNode unknown = g.call("no_such_tool", "{}");
      seen.add(unknown);
      assertRefusal("NOT_VERIFIED", unknown);
      assertFalse(toolseal(unknown).has("entry"), unknown::toString); // not in the manifest
    });
    assertTrue(auditLines("request").stream().anyMatch(l -> l.path("decision").asText()
        .equals("refused") && l.path("reasons").get(0).path("pointers").size() > 0));
  }

  @Test
  void aRefusalNeverNamesAnEntryTheLiveServerBroughtIn() throws Exception {
    pin("baseline");
    session("added", (g, seen) -> {
      seen.add(g.initialize("{}"));
      assertEquals(List.of("add", "get_weather"), g.toolNames());
      // the client asks for the hidden tool by its name (a model that saw it elsewhere)
      JsonNode refused = g.call("send_" + CANARY, "{}");
      seen.add(refused);
      assertRefusal("NOT_VERIFIED", refused);
      assertFalse(toolseal(refused).has("entry"), refused::toString);
    });
  }

  // ---- 4. server requests and notifications under quarantine ----

  private static final String WEATHER_CALL = "{\"name\":\"get_weather\",\"arguments\":"
      + "{\"city\":\"Oslo\"},\"_meta\":{\"progressToken\":\"tok\"}}";

  @Test
  void underQuarantineServerRequestsAreRefusedAndSideChannelsClosed() throws Exception {
    pin("baseline");
    Session session = session("side", (g, seen) -> {
      seen.add(g.initialize("{\"sampling\":{}}"));
      int call = g.request("tools/call", WEATHER_CALL);
      JsonNode r = g.response(call, seen);
      seen.add(r);
      String text = r.path("result").path("content").get(0).path("text").asText();
      assertTrue(text.contains("ping:result"), text); // the guard answered the ping itself
      assertTrue(text.contains("sampling/createMessage:error " + Responses.REFUSED), text);
      // a response for a server request that was never relayed does not go upstream
      g.send("{\"jsonrpc\":\"2.0\",\"id\":\"srv-sampling\",\"result\":{\"role\":\"assistant\","
          + "\"content\":{\"type\":\"text\",\"text\":\"late\"},\"model\":\"m\"}}");
    });
    List<JsonNode> seen = session.seen();
    assertTrue(seen.stream().noneMatch(m -> m.has("method") && m.has("id")), seen::toString);
    assertTrue(seen.stream().anyMatch(m -> m.path("method").asText()
        .equals("notifications/progress")
        && m.path("params").path("progressToken").asText().equals("tok")), seen::toString);
    assertTrue(serverLines().stream().noneMatch(m -> m.toString().contains("late")));
    assertTrue(auditLines("routing").size() >= 5);
  }

  /**
   * Calls get_weather, reads (into {@code seen}) up to the relayed sampling request, answers it
   * with {@code text} as the client, and returns the call's answer.
   */
  private static JsonNode callAnsweringSampling(GuardHarness g, List<JsonNode> seen, String text) {
    int call = g.request("tools/call", WEATHER_CALL);
    JsonNode m = g.receive();
    while (!m.path("method").asText().equals("sampling/createMessage")) {
      seen.add(m);
      m = g.receive();
    }
    g.send("{\"jsonrpc\":\"2.0\",\"id\":" + m.get("id") + ",\"result\":{\"role\":"
        + "\"assistant\",\"content\":{\"type\":\"text\",\"text\":\"" + text
        + "\"},\"model\":\"m\"}}");
    return g.response(call, seen);
  }

  @Test
  void underQuarantineAllowServerRequestsRelaysThem() throws Exception {
    pin("baseline");
    List<JsonNode> seen = new ArrayList<>();
    try (GuardHarness g = guard("side", "--allow-server-requests")) {
      g.initialize("{\"sampling\":{}}");
      JsonNode r = callAnsweringSampling(g, seen, "sampled");
      String text = r.path("result").path("content").get(0).path("text").asText();
      assertTrue(text.contains("sampling/createMessage:result"), text);
      assertTrue(text.contains("sampled"), text);
      g.closeAndWait();
    }
    assertNoCanary(seen); // logging is still not relayed under a partial acceptance
  }

  @Test
  void underAcceptAllServerRequestsAndLoggingPassButUnknownNotificationsDoNot()
      throws Exception {
    pin("side");
    List<JsonNode> seen = new ArrayList<>();
    try (GuardHarness g = guard("side")) {
      g.initialize("{\"sampling\":{}}");
      callAnsweringSampling(g, seen, "ok");
      g.closeAndWait();
    }
    List<String> methods = seen.stream().map(m -> m.path("method").asText()).toList();
    assertTrue(methods.contains("notifications/message"), methods::toString);
    assertTrue(methods.contains("notifications/resources/updated"), methods::toString);
    assertFalse(methods.contains("notifications/CANARY"), methods::toString);
    assertFalse(methods.contains("notifications/cancelled"), methods::toString);
    assertTrue(seen.stream().noneMatch(m -> m.path("params").path("progressToken").asText()
        .equals("CANARY-nobody")), seen::toString);
  }

  // ---- 5. freshness ----

  @Test
  void aListRequestUnderAnOldVerdictIsReVerifiedFirst() throws Exception {
    pin("baseline");
    try (GuardHarness g = guard("baseline", "--max-evidence-age", "0")) {
      g.initialize("{}");
      assertEquals(List.of("add", "get_weather"), g.toolNames());
      pin("changed"); // the pin changes mid-session: the live add no longer matches it
      assertEquals(List.of("get_weather"), g.toolNames());
      g.closeAndWait();
    }
    assertTrue(auditLines("verification").size() >= 3);
  }

  @Test
  void aListRequestUnderAFreshVerdictIsServedFromIt() throws Exception {
    pin("baseline");
    try (GuardHarness g = guard("baseline")) {
      g.initialize("{}");
      assertEquals(List.of("add", "get_weather"), g.toolNames());
      pin("changed");
      assertEquals(List.of("add", "get_weather"), g.toolNames());
      g.closeAndWait();
    }
    assertEquals(1, auditLines("verification").size());
  }
}
