package dev.toolseal.cli.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MCP inspector's CLI ({@code @modelcontextprotocol/inspector --cli}, installed by this
 * module's build with {@code npm ci} from src/test/mcp-inspector) as the client: it starts
 * {@code toolseal guard} as its stdio server (its own Java process), which starts the real one.
 */
class GuardInspectorCliTest {
  @TempDir
  Path dir;

  record Run(int exitCode, String out, String err) {}

  private static Path inspector() {
    Path root = Path.of(System.getProperty("toolseal.test.mcpInspector",
        "src/test/mcp-inspector")).toAbsolutePath().normalize();
    Path launcher = root.resolve(
        "node_modules/@modelcontextprotocol/inspector/clients/launcher/build/index.js");
    if (!Files.isRegularFile(launcher)) {
      throw new IllegalStateException("the inspector is not installed under " + root);
    }
    return launcher;
  }

  /** {@code inspector --cli --config <guard> --server guarded <cliArgs>}. */
  private Run inspect(List<String> guardArgs, String... cliArgs) throws Exception {
    return run(List.of("--config", config(guardArgs).toString(), "--server", "guarded"),
        cliArgs);
  }

  private Path config(List<String> guardArgs) throws IOException {
    ObjectNode config = GuardHarness.JSON.createObjectNode();
    ObjectNode server = config.putObject("mcpServers").putObject("guarded");
    server.put("command", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ArrayNode args = server.putArray("args");
    List.of("-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
        "dev.toolseal.cli.Main", "guard").forEach(args::add);
    guardArgs.forEach(args::add);
    Path file = dir.resolve("inspector.json");
    Files.writeString(file, config.toString());
    return file;
  }

  /** {@code inspector --cli <target> <cliArgs>}. */
  private Run run(List<String> target, String... cliArgs) throws Exception {
    List<String> command = new ArrayList<>(List.of("node", inspector().toString(), "--cli"));
    command.addAll(target);
    command.addAll(List.of(cliArgs));
    ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
        .redirectOutput(dir.resolve("out.txt").toFile())
        .redirectError(dir.resolve("err.txt").toFile());
    pb.environment().put("HOME", dir.toString());
    pb.environment().put("MCP_INSPECTOR_SECRET_STORE", "memory");
    Process p = pb.start();
    if (!p.waitFor(180, TimeUnit.SECONDS)) { // a bound against hanging, not a timing check
      p.destroyForcibly();
      throw new AssertionError("the inspector did not finish: " + read("err.txt"));
    }
    return new Run(p.exitValue(), read("out.txt"), read("err.txt"));
  }

  private String read(String name) throws IOException {
    return Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
  }

  private List<String> guard(String name, List<String> server, String... more) {
    List<String> a = new ArrayList<>(List.of("--lock", dir.resolve("lock.json").toString(),
        "--name", name, "--audit", dir.resolve("audit.jsonl").toString(), "--env",
        "RUGPULL_CALL_LOG=" + dir.resolve("calls.log")));
    a.addAll(List.of(more));
    a.add("--");
    a.addAll(server);
    return a;
  }

  @Test
  void theInspectorCallsARealToolOfTheEverythingServerThroughTheGuard() throws Exception {
    List<String> g = guard("everything", GuardHarness.everything(), "--approve-first");
    Run call = inspect(g, "--method", "tools/call", "--tool-name", "echo", "--tool-arg",
        "message=through the guard");
    assertEquals(0, call.exitCode(), call::toString);
    assertTrue(call.out().contains("Echo: through the guard"), call::out);
  }

  @Test
  void theInspectorCannotSeeARugPulledTool() throws Exception {
    GuardEnforcementTest.approve(dir.resolve("lock.json"), "weather",
        GuardHarness.rugpull("baseline"));
    List<String> g = guard("weather", GuardHarness.rugpull("description-appended"));
    Run list = inspect(g, "--method", "tools/list");
    assertEquals(0, list.exitCode(), list::toString);
    assertTrue(list.out().contains("\"get_weather\""), list::out);
    assertFalse(list.out().contains("\"add\""), list::out);
    // (a tools/call of add would fail in the inspector itself: it looks the tool up first)
  }

  @Test
  void underRejectServerTheInspectorIsRefusedWithTheReasonInTheAuditLog() throws Exception {
    GuardEnforcementTest.approve(dir.resolve("lock.json"), "weather",
        GuardHarness.rugpull("baseline"));
    List<String> g = guard("weather", GuardHarness.rugpull("description-appended"),
        "--policy", "reject-server");
    Run call = inspect(g, "--method", "tools/call", "--tool-name", "get_weather",
        "--tool-arg", "location={\"city\":\"Oslo\"}");
    assertNotEquals(0, call.exitCode(), call::toString);
    assertFalse(Files.exists(dir.resolve("calls.log")));
    List<JsonNode> audit = new ArrayList<>();
    for (String l : Files.readAllLines(dir.resolve("audit.jsonl"))) {
      audit.add(GuardHarness.JSON.readTree(l));
    }
    assertTrue(audit.stream().anyMatch(l -> l.path("event").asText().equals("reason")
        && l.path("entry").asText().equals("tool:add")), audit::toString);
    // its initialize is refused (boundary.md: answered only from a verified snapshot), so the
    // inspector never gets as far as the call
    assertTrue(audit.stream().anyMatch(l -> l.path("event").asText().equals("verification")
        && l.path("decision").asText().equals("reject-server")), audit::toString);
  }

  @Test
  void theInspectorCallsARealToolOverStreamableHttpAgainstListen() throws Exception {
    try (GuardHarness g = GuardHarness.start(List.of("--listen", "127.0.0.1:0", "--lock",
        dir.resolve("lock.json").toString(), "--name", "everything", "--approve-first"),
        GuardHarness.everything())) {
      String url = GuardHttpListenTest.url(g).toString();
      Run call = run(List.of(url, "--transport", "http"), "--method", "tools/call",
          "--tool-name", "echo", "--tool-arg", "message=over http");
      assertEquals(0, call.exitCode(), call::toString);
      assertTrue(call.out().contains("Echo: over http"), call::out);
      // the inspector leaves without DELETE, so this guard stays up (one session per guard)
      // until the test JVM ends and its child sees the end of its input
    }
  }
}
