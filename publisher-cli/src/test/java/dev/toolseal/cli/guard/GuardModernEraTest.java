package dev.toolseal.cli.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.cli.ExitCode;
import dev.toolseal.cli.Main;
import java.io.ByteArrayInputStream;
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
    Path root = Path.of(System.getProperty("toolseal.test.mcpServers2026",
        "../verifier-lib/src/test/mcp-servers-2026")).toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve("node_modules/@modelcontextprotocol/server"))) {
      throw new IllegalStateException("2026-era npm test servers are not installed under " + root);
    }
    return root;
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

  private static List<String> names(JsonNode array) {
    List<String> names = new ArrayList<>();
    array.forEach(t -> names.add(t.path("name").asText()));
    names.sort(null);
    return names;
  }
}
