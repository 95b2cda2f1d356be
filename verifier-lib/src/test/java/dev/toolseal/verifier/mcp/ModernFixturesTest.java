package dev.toolseal.verifier.mcp;

import static dev.toolseal.verifier.mcp.RawModernClient.JSON;
import static dev.toolseal.verifier.mcp.RawModernClient.SERVER_INFO;
import static dev.toolseal.verifier.mcp.RawModernClient.fieldNames;
import static dev.toolseal.verifier.mcp.RawModernClient.legacyInitialize;
import static dev.toolseal.verifier.mcp.RawModernClient.modernParams;
import static dev.toolseal.verifier.mcp.RawModernClient.request;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.mcp.RawModernClient.Http;
import dev.toolseal.verifier.mcp.RawModernClient.Stdio;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Pins the wire behaviour of the 2026-era test servers that the era probe, the modern recorder
 * and the guard's tests will rely on: {@code scripted-server.mjs} (raw, no SDK) in each variant,
 * and {@code rugpull-server.mjs} on the v2 SDK, which must serve the same definitions as the
 * 2025-era {@code rugpull-server.mjs} in every variant. Plain JSON-RPC, see {@link RawModernClient}.
 */
class ModernFixturesTest {
  private static final List<String> LISTS = List.of("tools/list", "prompts/list",
      "resources/list", "resources/templates/list");
  private static final Map<String, String> ENTRIES = Map.of("tools/list", "tools",
      "prompts/list", "prompts", "resources/list", "resources",
      "resources/templates/list", "resourceTemplates");

  @TempDir
  Path dir;

  private static Stdio scripted(String variant, String... more) throws Exception {
    String[] args = new String[more.length + 2];
    args[0] = "stdio";
    args[1] = variant;
    System.arraycopy(more, 0, args, 2, more.length);
    return Stdio.start(RawModernClient.modernScript("scripted-server.mjs"), args);
  }

  private static Http scriptedHttp(String variant, Map<String, String> env) throws Exception {
    return Http.start(RawModernClient.modernScript("scripted-server.mjs"), env, variant);
  }

  private static Stdio rugpull2026(String variant, String... more) throws Exception {
    String[] args = new String[more.length + 3];
    args[0] = "stdio";
    args[1] = variant;
    System.arraycopy(more, 0, args, 2, more.length);
    args[args.length - 1] = "--modern-only";
    return Stdio.start(RawModernClient.modernScript("rugpull-server.mjs"), args);
  }

  /** discover and the four lists of a modern server, keyed by method. */
  private static Map<String, JsonNode> modernListing(Stdio server) throws Exception {
    Map<String, JsonNode> listing = new LinkedHashMap<>();
    listing.put("server/discover", server.result(1, "server/discover", modernParams()));
    int id = 2;
    for (String list : LISTS) {
      listing.put(list, server.result(id++, list, modernParams()));
    }
    return listing;
  }

  // ---- scripted-server.mjs ------------------------------------------------------------------

  @Test
  void scriptedBaselineAnswersInTheSdksShape() throws Exception {
    Map<String, JsonNode> sdk;
    try (Stdio era = Stdio.start(RawModernClient.modernScript("era-server.mjs"), "stdio",
        "--modern-only")) {
      sdk = modernListing(era);
      ObjectNode call = modernParams().put("name", "echo");
      call.putObject("arguments").put("text", "hi");
      sdk.put("tools/call", era.result(9, "tools/call", call));
    }
    try (Stdio server = scripted("baseline")) {
      Map<String, JsonNode> listing = modernListing(server);
      JsonNode identity = listing.get("server/discover").get("_meta").get(SERVER_INFO);
      assertEquals("toolseal-scripted-2026", identity.get("name").asText());
      for (String method : listing.keySet()) {
        JsonNode result = listing.get(method);
        assertEquals(fieldNames(sdk.get(method)), fieldNames(result), method + ": " + result);
        assertEquals("complete", result.get("resultType").asText(), method);
        assertEquals(0, result.get("ttlMs").asInt(), method);
        assertEquals("private", result.get("cacheScope").asText(), method);
        assertEquals(identity, result.get("_meta").get(SERVER_INFO), method);
      }
      assertEquals(List.of("echo", "add"), names(listing.get("tools/list").get("tools")));

      ObjectNode call = modernParams().put("name", "echo");
      call.putObject("arguments").put("message", "hi");
      JsonNode result = server.result(10, "tools/call", call);
      assertEquals(fieldNames(sdk.get("tools/call")), fieldNames(result), result.toString());
      assertEquals("hi", result.get("content").get(0).get("text").asText());

      assertEquals(-32022, server.call(11, "server/discover", null).get("error").get("code")
          .asInt());
      JsonNode initialize = server.call(12, "initialize", legacyInitialize()).get("error");
      assertEquals(-32022, initialize.get("code").asInt());
      assertEquals("2026-07-28", initialize.get("data").get("supported").get(0).asText());
      assertEquals(-32601, server.call(13, "nope/nothing", modernParams()).get("error")
          .get("code").asInt());
    }
  }

  @Test
  void scriptedBaselineOverHttpChecksHeadersLikeTheSdk() throws Exception {
    JsonNode viaStdio;
    try (Stdio server = scripted("baseline")) {
      viaStdio = server.result(1, "server/discover", modernParams());
    }
    try (Http server = scriptedHttp("baseline", Map.of())) {
      var discover = server.post("server/discover", null,
          request(1, "server/discover", modernParams()));
      assertEquals(200, discover.statusCode());
      assertTrue(discover.headers().firstValue("mcp-session-id").isEmpty());
      assertEquals(viaStdio, JSON.readTree(discover.body()).get("result"));

      var wrongMethod = server.post("prompts/list", null,
          request(2, "tools/list", modernParams()));
      assertEquals(400, wrongMethod.statusCode());
      JsonNode error = JSON.readTree(wrongMethod.body()).get("error");
      assertEquals(-32020, error.get("code").asInt());
      assertEquals("prompts/list", error.get("data").get("mismatch").get("header").asText());

      ObjectNode call = modernParams().put("name", "echo");
      call.putObject("arguments").put("message", "hi");
      var noName = server.post("tools/call", null, request(3, "tools/call", call));
      assertEquals(400, noName.statusCode());
      assertEquals("(missing)", JSON.readTree(noName.body()).get("error").get("data")
          .get("mismatch").get("header").asText());
      var named = server.post("tools/call", "echo", request(4, "tools/call", call));
      assertEquals(200, named.statusCode(), named.body());

      var unknown = server.post("nope/nothing", null, request(5, "nope/nothing", modernParams()));
      assertEquals(404, unknown.statusCode());
      assertEquals(-32601, JSON.readTree(unknown.body()).get("error").get("code").asInt());
    }
  }

  @Test
  void discoverRugpullChangesOnlyDiscoverFromTheSecondStart() throws Exception {
    Path state = dir.resolve("discover-rugpull.state");
    Map<String, JsonNode> first;
    try (Stdio server = scripted("discover-rugpull", state.toString())) {
      first = modernListing(server);
    }
    Map<String, JsonNode> second;
    try (Stdio server = scripted("discover-rugpull", state.toString())) {
      second = modernListing(server);
    }
    for (String list : LISTS) {
      assertEquals(first.get(list), second.get(list), list);
    }
    ObjectNode before = first.get("server/discover").deepCopy();
    ObjectNode after = second.get("server/discover").deepCopy();
    assertFalse(before.get("instructions").asText().contains("<IMPORTANT>"));
    assertTrue(after.get("instructions").asText().contains("<IMPORTANT>"));
    before.remove("instructions");
    after.remove("instructions");
    assertEquals(before, after, "only the instructions changed");
  }

  @Test
  void serverinfoDriftListsNameAnotherServerThanDiscover() throws Exception {
    Map<String, JsonNode> baseline;
    try (Stdio server = scripted("baseline")) {
      baseline = modernListing(server);
    }
    try (Stdio server = scripted("serverinfo-drift")) {
      Map<String, JsonNode> drift = modernListing(server);
      JsonNode identity = drift.get("server/discover").get("_meta").get(SERVER_INFO);
      assertEquals(baseline.get("server/discover"), drift.get("server/discover"));
      for (String list : LISTS) {
        JsonNode listed = drift.get(list).get("_meta").get(SERVER_INFO);
        assertEquals(identity.get("name"), listed.get("name"), list);
        assertNotEquals(identity, listed, list);
        assertEquals(baseline.get(list).get(ENTRIES.get(list)), drift.get(list)
            .get(ENTRIES.get(list)), list);
      }
    }
  }

  @Test
  void twoInstancesAnswerEverySecondToolsListWithAnotherEchoDescription() throws Exception {
    try (Http server = scriptedHttp("two-instances", Map.of())) {
      JsonNode discover = server.call(1, "server/discover", modernParams()).get("result");
      JsonNode[] lists = new JsonNode[4];
      for (int i = 0; i < lists.length; i++) {
        lists[i] = server.call(10 + i, "tools/list", modernParams()).get("result");
      }
      assertEquals(lists[0], lists[2], "instance A both times");
      assertEquals(lists[1], lists[3], "instance B both times");
      assertNotEquals(lists[0], lists[1]);
      assertEquals(discover, server.call(2, "server/discover", modernParams()).get("result"));
      ObjectNode a = lists[0].deepCopy();
      ObjectNode b = lists[1].deepCopy();
      assertTrue(b.get("tools").get(0).get("description").asText().contains("<IMPORTANT>"));
      ((ObjectNode) a.get("tools").get(0)).remove("description");
      ((ObjectNode) b.get("tools").get(0)).remove("description");
      assertEquals(a, b, "B differs only in echo's description, _meta serverInfo included");
    }
    ProcessBuilder stdio = new ProcessBuilder("node",
        RawModernClient.modernScript("scripted-server.mjs").toString(), "stdio", "two-instances")
        .redirectErrorStream(true);
    assertEquals(2, exitCode(stdio), "an HTTP-only variant");
  }

  @Test
  void badResultTypeAnswersToolsListAsInputRequired() throws Exception {
    try (Stdio server = scripted("bad-result-type")) {
      assertEquals("complete", server.result(1, "server/discover", modernParams())
          .get("resultType").asText());
      JsonNode tools = server.result(2, "tools/list", modernParams());
      assertEquals("input_required", tools.get("resultType").asText());
      assertEquals(List.of("echo", "add"), names(tools.get("tools")));
      assertEquals("complete", server.result(3, "prompts/list", modernParams())
          .get("resultType").asText());
    }
  }

  @Test
  void inputRequiredAsksForThreeInputsAndTheRetryCompletes() throws Exception {
    try (Stdio server = scripted("input-required")) {
      assertTrue(names(server.result(1, "tools/list", modernParams()).get("tools"))
          .contains("approve"));
      ObjectNode call = modernParams().put("name", "approve");
      call.putObject("arguments").put("action", "deploy");
      JsonNode first = server.result(2, "tools/call", call);
      assertEquals("input_required", first.get("resultType").asText());
      assertFalse(first.has("content"), first.toString());
      JsonNode requests = first.get("inputRequests");
      assertEquals(Set.of("confirm", "summary", "roots"), new TreeSet<>(fieldNames(requests)));
      assertEquals("elicitation/create", requests.get("confirm").get("method").asText());
      assertEquals("object", requests.get("confirm").get("params").get("requestedSchema")
          .get("type").asText());
      assertEquals("sampling/createMessage", requests.get("summary").get("method").asText());
      assertEquals("roots/list", requests.get("roots").get("method").asText());
      String state = first.get("requestState").asText();
      assertFalse(state.isEmpty());
      assertTrue(first.get("_meta").has(SERVER_INFO));

      ObjectNode retry = call.deepCopy();
      ObjectNode responses = retry.putObject("inputResponses");
      ObjectNode confirm = responses.putObject("confirm").put("action", "accept");
      confirm.putObject("content").put("ok", true);
      ObjectNode summary = responses.putObject("summary").put("role", "assistant")
          .put("model", "test");
      summary.putObject("content").put("type", "text").put("text", "deploys");
      responses.putObject("roots").putArray("roots");
      retry.put("requestState", state);
      JsonNode done = server.result(3, "tools/call", retry);
      assertEquals("complete", done.get("resultType").asText());
      assertEquals("approved: deploy", done.get("content").get(0).get("text").asText());

      retry.put("requestState", state + "x");
      assertEquals(-32602, server.call(4, "tools/call", retry).get("error").get("code").asInt());
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"legacy-answers-discover", "legacy-answers-discover-empty"})
  void aLegacyServerAnswersDiscoverWithSomethingElseThanADiscoverResult(String variant)
      throws Exception {
    try (Stdio server = scripted(variant)) {
      JsonNode discover = server.result(1, "server/discover", modernParams());
      assertFalse(discover.has("supportedVersions"), discover.toString());
      assertFalse(discover.has("resultType"), discover.toString());
      JsonNode initialize = server.result(2, "initialize", legacyInitialize());
      assertEquals("2025-11-25", initialize.get("protocolVersion").asText());
      assertEquals(variant.endsWith("-empty") ? JSON.createObjectNode() : initialize, discover);
      JsonNode tools = server.result(3, "tools/list", null);
      assertEquals(List.of("tools"), fieldNames(tools), "a legacy list result");
    }
  }

  @Test
  void headerCheckLogsEveryRequestItReceives() throws Exception {
    Path log = dir.resolve("requests.jsonl");
    try (Http server = scriptedHttp("header-check", Map.of("SCRIPTED_REQUEST_LOG",
        log.toString()))) {
      ObjectNode call = modernParams().put("name", "add");
      call.putObject("arguments").put("a", 1).put("b", 2);
      var good = server.post("tools/call", "add", request(1, "tools/call", call));
      assertEquals(200, good.statusCode(), good.body());
      var bad = server.post("tools/call", "echo", request(2, "tools/call", call));
      assertEquals(400, bad.statusCode());
      assertEquals(-32020, JSON.readTree(bad.body()).get("error").get("code").asInt());
    }
    List<String> lines = Files.readAllLines(log);
    assertEquals(2, lines.size(), lines.toString());
    JsonNode first = JSON.readTree(lines.get(0));
    assertEquals("POST", first.get("httpMethod").asText());
    assertEquals("tools/call", first.get("headers").get("mcp-method").asText());
    assertEquals("add", first.get("headers").get("mcp-name").asText());
    assertEquals("2026-07-28", first.get("headers").get("mcp-protocol-version").asText());
    assertEquals("add", JSON.readTree(first.get("body").asText()).get("params").get("name")
        .asText());
    assertEquals("echo", JSON.readTree(lines.get(1)).get("headers").get("mcp-name").asText());

    ProcessBuilder withoutLog = new ProcessBuilder("node",
        RawModernClient.modernScript("scripted-server.mjs").toString(), "http", "0", "header-check")
        .redirectErrorStream(true);
    withoutLog.environment().remove("SCRIPTED_REQUEST_LOG");
    assertEquals(2, exitCode(withoutLog), "refuses to run without its log");
  }

  @Test
  void externalRefHasAToolWhoseSchemaRefersToAnotherHost() throws Exception {
    try (Stdio server = scripted("external-ref")) {
      JsonNode tools = server.result(1, "tools/list", modernParams()).get("tools");
      assertEquals(List.of("echo", "add", "lookup"), names(tools));
      assertEquals("https://evil.example/schema.json",
          tools.get(2).get("inputSchema").get("$ref").asText());
    }
  }

  // ---- rugpull-server.mjs, 2026 against 2025 ----------------------------------------------

  /** initialize and the four lists of the v1 rug-pull server, keyed by method. */
  private static Map<String, JsonNode> legacyListing(String variant) throws Exception {
    Map<String, JsonNode> listing = new LinkedHashMap<>();
    try (Stdio server = Stdio.start(RawModernClient.legacyScript("rugpull-server.mjs"), variant)) {
      listing.put("initialize", server.result(1, "initialize", legacyInitialize()));
      server.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
      int id = 2;
      for (String list : LISTS) {
        listing.put(list, server.result(id++, list, null));
      }
    }
    return listing;
  }

  private static Map<String, JsonNode> modernRugpullListing(String variant) throws Exception {
    try (Stdio server = rugpull2026(variant)) {
      return modernListing(server);
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"baseline", "description-appended", "instructions-changed",
      "tool-added", "extra-field", "prompt-changed", "resource-changed", "tag-chars"})
  void theModernRugpullServerServesTheLegacyDefinitions(String variant) throws Exception {
    Map<String, JsonNode> legacy = legacyListing(variant);
    Map<String, JsonNode> modern = modernRugpullListing(variant);
    for (String list : LISTS) {
      assertEquals(legacy.get(list).get(ENTRIES.get(list)),
          modern.get(list).get(ENTRIES.get(list)), list);
    }
    JsonNode initialize = legacy.get("initialize");
    JsonNode discover = modern.get("server/discover");
    assertEquals(initialize.get("instructions"), discover.get("instructions"));
    assertEquals(initialize.get("capabilities"), discover.get("capabilities"));
    assertEquals(initialize.get("serverInfo"), discover.get("_meta").get(SERVER_INFO));
    assertEquals("2026-07-28", discover.get("supportedVersions").get(0).asText());
  }

  @Test
  void aChangedVariantDiffersFromItsBaselineTheSameWayInBothEras() throws Exception {
    JsonNode legacyBase = legacyListing("baseline").get("tools/list").get("tools");
    JsonNode legacyChanged = legacyListing("description-appended").get("tools/list")
        .get("tools");
    JsonNode modernBase = modernRugpullListing("baseline").get("tools/list").get("tools");
    JsonNode modernChanged = modernRugpullListing("description-appended").get("tools/list")
        .get("tools");
    assertNotEquals(modernBase, modernChanged);
    assertEquals(differingDescriptions(legacyBase, legacyChanged),
        differingDescriptions(modernBase, modernChanged));
    assertEquals(Set.of("add"), differingDescriptions(modernBase, modernChanged));
  }

  @Test
  void theModernSleeperChangesOnItsSecondStart() throws Exception {
    Path state = dir.resolve("sleeper.state");
    JsonNode first;
    try (Stdio server = rugpull2026("sleeper", state.toString())) {
      first = server.result(1, "tools/list", modernParams()).get("tools");
    }
    JsonNode second;
    try (Stdio server = rugpull2026("sleeper", state.toString())) {
      second = server.result(1, "tools/list", modernParams()).get("tools");
    }
    assertEquals(modernRugpullListing("baseline").get("tools/list").get("tools"), first);
    assertEquals(modernRugpullListing("description-appended").get("tools/list").get("tools"),
        second);
  }

  @Test
  void theModernRugpullServerPagesWithTheSameCursor() throws Exception {
    try (Stdio server = rugpull2026("second-page")) {
      JsonNode page1 = server.result(1, "tools/list", modernParams());
      assertEquals("page-2", page1.get("nextCursor").asText());
      JsonNode page2 = server.result(2, "tools/list", modernParams().put("cursor", "page-2"));
      assertEquals(List.of("get_weather", "send_report"), names(page2.get("tools")));
      assertEquals("complete", page2.get("resultType").asText());
    }
  }

  @Test
  void callThenChangeAnnouncesOnAListenStreamOverStdio() throws Exception {
    try (Stdio server = rugpull2026("call-then-change")) {
      ObjectNode listen = modernParams();
      listen.putObject("notifications").put("toolsListChanged", true);
      server.send(request(7, "subscriptions/listen", listen));
      JsonNode ack = server.notification("notifications/subscriptions/acknowledged");
      assertTrue(ack.get("params").get("notifications").get("toolsListChanged").asBoolean());
      assertEquals(List.of("add", "get_weather"),
          names(server.result(1, "tools/list", modernParams()).get("tools")));
      ObjectNode call = modernParams().put("name", "add");
      call.putObject("arguments").put("a", 1).put("b", 2);
      assertEquals(3, server.result(2, "tools/call", call).get("structuredContent").get("sum")
          .asInt());
      JsonNode changed = server.notification("notifications/tools/list_changed");
      assertEquals(7, changed.get("params").get("_meta")
          .get("io.modelcontextprotocol/subscriptionId").asInt());
      assertEquals(List.of("add", "get_weather", "run_shell"),
          names(server.result(3, "tools/list", modernParams()).get("tools")));
    }
  }

  @Test
  void theModernRugpullServerAnswersTheSameOverHttp() throws Exception {
    Map<String, JsonNode> viaStdio = modernRugpullListing("baseline");
    try (Http server = Http.start(RawModernClient.modernScript("rugpull-server.mjs"), Map.of(),
        "baseline", "--modern-only")) {
      assertEquals(viaStdio.get("server/discover"),
          server.call(1, "server/discover", modernParams()).get("result"));
      assertEquals(viaStdio.get("tools/list"),
          server.call(2, "tools/list", modernParams()).get("result"));
    }
  }

  private static Set<String> differingDescriptions(JsonNode before, JsonNode after) {
    Set<String> names = new TreeSet<>();
    for (int i = 0; i < before.size(); i++) {
      if (!before.get(i).get("description").equals(after.get(i).get("description"))) {
        names.add(before.get(i).get("name").asText());
      }
    }
    return names;
  }

  private static List<String> names(JsonNode entries) {
    return fieldValues(entries, "name");
  }

  private static List<String> fieldValues(JsonNode entries, String field) {
    List<String> values = new ArrayList<>();
    entries.forEach(entry -> values.add(entry.get(field).asText()));
    return values;
  }

  private static int exitCode(ProcessBuilder builder) throws Exception {
    Process process = builder.start();
    process.getInputStream().readAllBytes();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("did not exit");
    }
    return process.exitValue();
  }
}
