package dev.toolseal.verifier.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Pins the facts about the 2026-07-28 era fixture ({@code src/test/mcp-servers-2026}) that
 * docs/design/eras.md builds on: where a modern server puts its identity, which freshness hints
 * it sends, how it answers an era probe and a legacy {@code initialize}, and that it checks the
 * {@code Mcp-Method} / {@code Mcp-Name} headers. Plain JSON-RPC over the real server, no SDK.
 */
class EraFixtureTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String MODERN = "2026-07-28";
  private static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  @Test
  void discoverHoldsVersionsCapabilitiesAndInstructionsAndTheIdentityOnlyInMeta()
      throws Exception {
    try (Stdio server = Stdio.start("--modern-only")) {
      JsonNode result = server.call(1, "server/discover", modernParams()).get("result");
      assertTrue(contains(result.get("supportedVersions"), MODERN), result.toString());
      assertTrue(result.get("capabilities").get("tools").isObject(), result.toString());
      assertTrue(result.get("instructions").isTextual(), result.toString());
      assertFalse(result.has("serverInfo"), "identity is not a member of the discover result");
      assertEquals("toolseal-era-fixture", result.get("_meta").get(SERVER_INFO).get("name")
          .asText());
      assertEquals("complete", result.get("resultType").asText());
      assertTrue(result.get("ttlMs").isIntegralNumber(), result.toString());
      assertTrue(Set.of("public", "private").contains(result.get("cacheScope").asText()));
    }
  }

  @Test
  void everyListResultCarriesTheSameIdentityAndFreshnessHints() throws Exception {
    try (Stdio server = Stdio.start("--modern-only")) {
      JsonNode discover = server.call(1, "server/discover", modernParams()).get("result");
      JsonNode tools = server.call(2, "tools/list", modernParams()).get("result");
      JsonNode prompts = server.call(3, "prompts/list", modernParams()).get("result");
      JsonNode resources = server.call(4, "resources/list", modernParams()).get("result");
      JsonNode identity = discover.get("_meta").get(SERVER_INFO);
      for (JsonNode list : List.of(tools, prompts, resources)) {
        assertEquals(identity, list.get("_meta").get(SERVER_INFO), list.toString());
        assertEquals("complete", list.get("resultType").asText());
        assertTrue(list.has("ttlMs") && list.has("cacheScope"), list.toString());
      }
      assertEquals(Set.of("echo", "add", "distance"), names(tools.get("tools")));
      assertEquals(Set.of("greet"), names(prompts.get("prompts")));
    }
  }

  @Test
  void theDistanceToolsRefStaysInsideItsOwnDefinition() throws Exception {
    try (Stdio server = Stdio.start("--modern-only")) {
      JsonNode tools = server.call(1, "tools/list", modernParams()).get("result").get("tools");
      JsonNode schema = null;
      for (JsonNode tool : tools) {
        if (tool.get("name").asText().equals("distance")) {
          schema = tool.get("inputSchema");
        }
      }
      assertTrue(schema != null, tools.toString());
      String ref = schema.get("properties").get("from").get("$ref").asText();
      assertTrue(ref.startsWith("#/"), ref);
      assertTrue(schema.at(ref.substring(1)).isObject(), "the pointer resolves in the schema");
    }
  }

  @Test
  void aModernOnlyServerRefusesInitializeNamingItsVersions() throws Exception {
    try (Stdio server = Stdio.start("--modern-only")) {
      JsonNode error = server.call(1, "initialize", legacyInitialize()).get("error");
      assertEquals(-32022, error.get("code").asInt(), error.toString());
      assertTrue(contains(error.get("data").get("supported"), MODERN), error.toString());
    }
  }

  @Test
  void aProbeWithoutMetaGetsARecognizedModernError() throws Exception {
    try (Stdio server = Stdio.start("--modern-only")) {
      JsonNode answer = server.call(1, "server/discover", null);
      assertFalse(answer.has("result"), answer.toString());
      assertEquals(-32022, answer.get("error").get("code").asInt(), answer.toString());
    }
  }

  @Test
  void aDualEraServerTakesAProbeWithoutMetaForALegacyOpening() throws Exception {
    try (Stdio server = Stdio.start()) {
      JsonNode answer = server.call(1, "server/discover", null);
      assertFalse(answer.has("result"), answer.toString());
      assertEquals(-32601, answer.get("error").get("code").asInt(), answer.toString());
    }
    try (Stdio server = Stdio.start()) {
      JsonNode answer = server.call(1, "server/discover", modernParams());
      assertTrue(answer.get("result").has("supportedVersions"), answer.toString());
    }
  }

  @Test
  void aDualEraServerShowsTheSameIdentityToBothEras() throws Exception {
    JsonNode legacy;
    try (Stdio server = Stdio.start()) {
      legacy = server.call(1, "initialize", legacyInitialize()).get("result");
    }
    JsonNode modern;
    try (Stdio server = Stdio.start()) {
      modern = server.call(1, "server/discover", modernParams()).get("result");
    }
    assertEquals("2025-11-25", legacy.get("protocolVersion").asText());
    assertEquals(modern.get("_meta").get(SERVER_INFO), legacy.get("serverInfo"));
    assertEquals(modern.get("capabilities"), legacy.get("capabilities"));
    assertEquals(modern.get("instructions"), legacy.get("instructions"));
  }

  @Test
  void overHttpItHasNoSessionAndChecksTheMethodAndNameHeaders() throws Exception {
    try (RawModernClient.Http server = RawModernClient.Http.start(script(), Map.of())) {
      HttpResponse<String> discover = server.post("server/discover", null,
          request(1, "server/discover", modernParams()));
      assertEquals(200, discover.statusCode(), discover.body());
      assertTrue(discover.headers().firstValue("mcp-session-id").isEmpty());
      JsonNode viaHttp = JSON.readTree(discover.body()).get("result");
      try (Stdio stdio = Stdio.start("--modern-only")) {
        assertEquals(stdio.call(1, "server/discover", modernParams()).get("result"), viaHttp);
      }

      HttpResponse<String> wrongMethod = server.post("prompts/list", null,
          request(2, "tools/list", modernParams()));
      assertEquals(400, wrongMethod.statusCode());
      assertEquals(-32020, JSON.readTree(wrongMethod.body()).get("error").get("code").asInt());

      ObjectNode call = modernParams();
      call.put("name", "echo");
      call.putObject("arguments").put("text", "hi");
      HttpResponse<String> noName = server.post("tools/call", null, request(3, "tools/call", call));
      assertEquals(400, noName.statusCode());
      assertEquals(-32020, JSON.readTree(noName.body()).get("error").get("code").asInt());

      HttpResponse<String> named = server.post("tools/call", "echo",
          request(4, "tools/call", call));
      assertEquals(200, named.statusCode(), named.body());
      JsonNode result = JSON.readTree(named.body()).get("result");
      assertEquals(viaHttp.get("_meta").get(SERVER_INFO), result.get("_meta").get(SERVER_INFO));

      HttpResponse<String> get = server.client.send(HttpRequest.newBuilder(server.endpoint)
          .timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(405, get.statusCode());
    }
  }

  private static ObjectNode modernParams() {
    ObjectNode params = JSON.createObjectNode();
    ObjectNode meta = params.putObject("_meta");
    meta.put("io.modelcontextprotocol/protocolVersion", MODERN);
    meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "era-test")
        .put("version", "0");
    meta.putObject("io.modelcontextprotocol/clientCapabilities");
    return params;
  }

  private static ObjectNode legacyInitialize() {
    ObjectNode params = JSON.createObjectNode();
    params.put("protocolVersion", "2025-11-25");
    params.putObject("capabilities");
    params.putObject("clientInfo").put("name", "era-test").put("version", "0");
    return params;
  }

  private static String request(int id, String method, JsonNode params) {
    ObjectNode message = JSON.createObjectNode();
    message.put("jsonrpc", "2.0");
    message.put("id", id);
    message.put("method", method);
    if (params != null) {
      message.set("params", params);
    }
    return message.toString();
  }

  private static boolean contains(JsonNode array, String value) {
    for (JsonNode element : array) {
      if (element.asText().equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static Set<String> names(JsonNode entries) {
    Set<String> names = new TreeSet<>();
    entries.forEach(entry -> names.add(entry.get("name").asText()));
    return names;
  }

  private static Path script() {
    Path root = Path.of(System.getProperty("toolseal.test.mcpServers2026",
        "src/test/mcp-servers-2026")).toAbsolutePath();
    if (!Files.isDirectory(root.resolve("node_modules/@modelcontextprotocol/server"))) {
      throw new IllegalStateException("the 2026-era fixture is not installed under " + root
          + "; the Maven build runs npm ci in generate-test-resources");
    }
    return root.resolve("era-server.mjs");
  }

  private static Process node(String transport, List<String> more) throws IOException {
    List<String> args = new ArrayList<>(List.of(transport));
    args.addAll(more);
    return RawModernClient.start(script(), args, Map.of());
  }

  /** The fixture on stdio: one request line, one answer line. */
  private static final class Stdio implements AutoCloseable {
    private final Process process;
    private final Writer in;
    private final BufferedReader out;

    private Stdio(Process process) {
      this.process = process;
      this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      this.out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    static Stdio start(String... flags) throws IOException {
      return new Stdio(node("stdio", List.of(flags)));
    }

    JsonNode call(int id, String method, JsonNode params) throws Exception {
      in.write(request(id, method, params) + "\n");
      in.flush();
      String line = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      assertTrue(line != null, "the fixture closed its output");
      JsonNode answer = JSON.readTree(line);
      assertEquals(id, answer.get("id").asInt(), line);
      return answer;
    }

    @Override
    public void close() {
      RawModernClient.stop(process);
    }
  }
}
