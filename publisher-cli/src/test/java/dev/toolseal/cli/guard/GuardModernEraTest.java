package dev.toolseal.cli.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.cli.ExitCode;
import dev.toolseal.cli.Main;
import dev.toolseal.cli.ModernEraCommandsTest;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard in front of a server of the modern era (MCP 2026-07-28; docs/design/eras.md, section
 * 7), on the official TypeScript SDK v2: pinned with {@code guard approve}, then relayed to a
 * modern client per request, with {@code server/discover} and the lists answered from what was
 * verified; and the era mismatches that must fail loudly.
 */
class GuardModernEraTest {
  private static final String MODERN = "2026-07-28";

  @TempDir
  Path dir;

  static Path servers2026() {
    return ModernEraCommandsTest.servers2026();
  }

  static List<String> eraServer(String... flags) {
    List<String> command = new ArrayList<>(List.of("node",
        servers2026().resolve("era-server.mjs").toString(), "stdio"));
    command.addAll(List.of(flags));
    return command;
  }

  private Path lock() {
    return dir.resolve("lock.json");
  }

  private int approve(String protocolVersion, List<String> command) {
    List<String> args = new ArrayList<>(List.of("guard", "approve", "--lock", lock().toString(),
        "--name", "era", "--protocol-version", protocolVersion, "--"));
    args.addAll(command);
    return Main.run(new ByteArrayInputStream("y\n".getBytes(StandardCharsets.UTF_8)),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        args.toArray(String[]::new));
  }

  private GuardHarness guard(List<String> command) throws Exception {
    return GuardHarness.start(List.of("--lock", lock().toString(), "--name", "era"), command);
  }

  /** The modern request {@code _meta}, at {@code version}. */
  private static String meta(String version) {
    return "{\"io.modelcontextprotocol/protocolVersion\":\"" + version + "\","
        + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"test\",\"version\":\"1\"},"
        + "\"io.modelcontextprotocol/clientCapabilities\":{}}";
  }

  private static int modern(GuardHarness g, String method, String params) {
    String inner = params.isEmpty() ? "" : params + ",";
    return g.request(method, "{" + inner + "\"_meta\":" + meta(MODERN) + "}");
  }

  @Test
  void aModernClientGetsWhatWasVerifiedOfAModernServer() throws Exception {
    assertEquals(ExitCode.OK, approve(MODERN, eraServer("--modern-only")));
    String pin = Files.readString(lock());
    assertTrue(pin.contains("toolseal.dev/manifest/v2"), pin);

    try (GuardHarness g = guard(eraServer("--modern-only"))) {
      JsonNode discover = g.response(modern(g, "server/discover", "")).path("result");
      assertEquals(List.of(MODERN), List.of(discover.path("supportedVersions").get(0).asText()));
      assertEquals(1, discover.path("supportedVersions").size());
      assertEquals("Fixture for era tests.", discover.path("instructions").asText());
      assertEquals("complete", discover.path("resultType").asText());
      assertEquals(0, discover.path("ttlMs").asInt(-1));
      assertEquals("toolseal-era-fixture", discover.path("_meta")
          .path("io.modelcontextprotocol/serverInfo").path("name").asText());

      JsonNode tools = g.response(modern(g, "tools/list", "")).path("result");
      assertEquals(List.of("add", "distance", "echo"), names(tools.path("tools")));
      assertEquals("complete", tools.path("resultType").asText());
      assertEquals("private", tools.path("cacheScope").asText());

      JsonNode call = g.response(modern(g, "tools/call",
          "\"name\":\"echo\",\"arguments\":{\"text\":\"hi\"}"));
      assertEquals("hi", call.path("result").path("content").path(0).path("text").asText(),
          call.toString());

      // another protocol version than the one verified: the modern error with the one relayed
      int other = g.request("tools/list", "{\"_meta\":" + meta("2027-01-01") + "}");
      JsonNode refused = g.response(other);
      assertEquals(-32022, refused.path("error").path("code").asInt(), refused.toString());
      assertEquals(MODERN, refused.path("error").path("data").path("supported").path(0).asText());

      // a legacy handshake on the same guard: refused with fixed text, explained on stderr
      int init = g.request("initialize", "{\"protocolVersion\":\"2025-11-25\","
          + "\"capabilities\":{},\"clientInfo\":{\"name\":\"old\",\"version\":\"1\"}}");
      JsonNode legacy = g.response(init);
      assertEquals("UNSUPPORTED_ERA", legacy.path("error").path("data").path("toolseal")
          .path("refusal").asText(), legacy.toString());
      assertTrue(g.err().contains("configure the client for that version"), g.err());
    }
  }

  @Test
  void approvingAModernOnlyServerWithoutNamingAVersionPinsItsEra() throws Exception {
    List<String> args = new ArrayList<>(List.of("guard", "approve", "--lock", lock().toString(),
        "--name", "era", "--"));
    args.addAll(eraServer("--modern-only"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(new ByteArrayInputStream("y\n".getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        args.toArray(String[]::new));
    assertEquals(ExitCode.OK, code, out.toString(StandardCharsets.UTF_8));
    assertTrue(Files.readString(lock()).contains("toolseal.dev/manifest/v2"));
  }

  @Test
  void aLegacyClientIsBridgedToAModernServer() throws Exception {
    assertEquals(ExitCode.OK, approve(MODERN, eraServer("--modern-only")));
    try (GuardHarness g = guard(eraServer("--modern-only"))) {
      JsonNode init = g.initialize("{}").path("result");
      assertEquals("2025-11-25", init.path("protocolVersion").asText(), init.toString());
      assertEquals("toolseal-era-fixture", init.path("serverInfo").path("name").asText());
      assertEquals("Fixture for era tests.", init.path("instructions").asText());
      JsonNode tools = g.response(g.request("tools/list", "{}")).path("result");
      assertEquals(List.of("add", "distance", "echo"), names(tools.path("tools")));
      assertFalse(tools.has("resultType"), tools.toString());
      JsonNode call = g.call("echo", "{\"text\":\"hi\"}").path("result");
      assertEquals("hi", call.path("content").path(0).path("text").asText(), call.toString());
      assertFalse(call.has("resultType"), call.toString());
      assertFalse(call.path("_meta").has("io.modelcontextprotocol/serverInfo"), call.toString());
      assertTrue(g.err().contains("bridged by the guard"), g.err());
      // the legacy client asks for the modern discover: not in its era
      JsonNode discover = g.response(g.request("server/discover", "{}"));
      assertEquals(-32601, discover.path("error").path("code").asInt(), discover.toString());
    }
  }

  @Test
  void aLegacyPinIsNotRelayedToAModernClient() throws Exception {
    // the dual-era fixture pinned in the legacy era (initialize, as every client did before)
    assertEquals(ExitCode.OK, approve("2025-11-25", eraServer()));
    assertTrue(Files.readString(lock()).contains("toolseal.dev/manifest/v1"));
    try (GuardHarness g = guard(eraServer())) {
      JsonNode refused = g.response(modern(g, "server/discover", ""));
      assertEquals(-32022, refused.path("error").path("code").asInt(), refused.toString());
      assertEquals("2025-11-25",
          refused.path("error").path("data").path("supported").path(0).asText());
      assertTrue(g.err().contains("configure the client for 2025-11-25"), g.err());
      // a legacy client is relayed as before
      JsonNode init = g.initialize("{}");
      assertEquals("toolseal-era-fixture",
          init.path("result").path("serverInfo").path("name").asText(), init.toString());
      assertEquals(List.of("add", "distance", "echo"),
          names(g.response(g.request("tools/list", "{}")).path("result").path("tools")));
    }
  }

  @Test
  void aModernPinRejectsAServerThatNoLongerSpeaksTheModernEra() throws Exception {
    assertEquals(ExitCode.OK, approve(MODERN, eraServer()));
    // the same name now starts a legacy-only server: server/discover fails, nothing is relayed
    try (GuardHarness g = guard(GuardHarness.rugpull("baseline"))) {
      JsonNode list = g.response(modern(g, "tools/list", ""));
      assertEquals("SERVER_REJECTED", list.path("error").path("data").path("toolseal")
          .path("refusal").asText(), list.toString());
      assertFalse(list.toString().contains("add two numbers"), list.toString());
    }
  }

  /** The fixture over HTTP (modern only), on a free port; stopped when the test ends. */
  private static Process httpServer(List<URI> endpoint) throws Exception {
    Process p = new ProcessBuilder("node", servers2026().resolve("era-server.mjs").toString(),
        "http", "0", "--modern-only").redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String line = new BufferedReader(new InputStreamReader(p.getInputStream(),
        StandardCharsets.UTF_8)).readLine();
    assertTrue(line != null && line.startsWith("LISTENING "), String.valueOf(line));
    endpoint.add(URI.create("http://127.0.0.1:" + line.substring(10).trim() + "/mcp"));
    return p;
  }

  @Test
  void theGuardSpeaksTheModernHttpTransportOnBothSides() throws Exception {
    List<URI> upstream = new ArrayList<>();
    Process server = httpServer(upstream);
    try (GuardHarness g = GuardHarness.start(List.of("--listen", "127.0.0.1:0", "--url",
        upstream.get(0).toString(), "--lock", lock().toString(), "--name", "era-http",
        "--approve-first"), List.of())) {
      URI guard = GuardHttpListenTest.url(g);
      HttpClient http = HttpClient.newHttpClient();
      String call = "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":"
          + "{\"name\":\"echo\",\"arguments\":{\"text\":\"über\"},\"_meta\":" + meta(MODERN)
          + "}}";
      // the headers say one tool, the body another: refused here, nothing goes upstream
      HttpResponse<String> split = http.send(post(guard, call, "echo-not")
          .build(), HttpResponse.BodyHandlers.ofString());
      assertEquals(400, split.statusCode(), split.body());
      JsonNode error = GuardHarness.JSON.readTree(split.body());
      assertEquals(-32020, error.path("error").path("code").asInt(), split.body());
      assertEquals(7, error.path("id").asInt());
      HttpResponse<String> missing = http.send(HttpRequest.newBuilder(guard)
          .header("Content-Type", "application/json")
          .header("Accept", "application/json, text/event-stream")
          .header("MCP-Protocol-Version", MODERN).header("Mcp-Method", "tools/call")
          .POST(HttpRequest.BodyPublishers.ofString(call)).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(400, missing.statusCode(), missing.body());

      // matching headers: verified (pinned on first use), relayed to the modern upstream, which
      // checks the headers the guard computed itself
      HttpResponse<String> ok = http.send(post(guard, call, "echo").build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, ok.statusCode(), ok.body());
      assertTrue(ok.body().contains("\"text\":\"über\""), ok.body());
      assertFalse(ok.headers().firstValue("Mcp-Session-Id").isPresent());
      assertTrue(Files.readString(lock()).contains("toolseal.dev/manifest/v2"));
    } finally {
      server.destroy();
    }
  }

  private static HttpRequest.Builder post(URI uri, String body, String name) {
    return HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .header("MCP-Protocol-Version", MODERN).header("Mcp-Method", "tools/call")
        .header("Mcp-Name", name).POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(t -> names.add(t.path("name").asText()));
    names.sort(null);
    return names;
  }
}
