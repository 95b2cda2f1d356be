package dev.toolseal.cli.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.relay.Responses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared request table ({@code verifier-lib/src/test/mcp-servers/request-table.json}) sent
 * as raw JSON-RPC through {@code toolseal guard}; verifier-lib's {@code GateRequestTableTest}
 * sends the same table through {@code GatedMcpClient}. Both front ends run the one gate engine.
 */
class GuardRequestTableTest {
  private static final String NAME = "weather";

  @TempDir
  Path dir;

  /** What the guard answered, in the table's words. */
  static String outcome(JsonNode response) {
    JsonNode error = response.get("error");
    if (error == null) {
      JsonNode result = response.path("result");
      for (String list : List.of("tools", "prompts", "resources")) {
        if (result.path(list).isArray()) {
          List<String> names = new ArrayList<>();
          String member = list.equals("resources") ? "uri" : "name";
          result.path(list).forEach(e -> names.add(e.path(member).asText()));
          return "list:" + String.join(",", names);
        }
      }
      return "result";
    }
    if (error.path("code").asInt() == Responses.REFUSED) {
      return "refused:" + error.path("data").path("toolseal").path("refusal").asText();
    }
    return "error";
  }

  @Test
  void everyRowOfTheTableGetsItsOutcome() throws Exception {
    JsonNode table = GuardHarness.JSON.readTree(
        GuardHarness.servers().resolve("request-table.json").toFile());
    Path lock = dir.resolve("toolseal.lock.json");
    GuardEnforcementTest.approve(lock, NAME, GuardHarness.rugpull("baseline"));
    for (JsonNode scenario : table.path("scenarios")) {
      String name = scenario.path("name").asText();
      Path calls = dir.resolve(name + ".calls");
      List<String> options = List.of("--lock", lock.toString(), "--name", NAME,
          "--policy", scenario.path("policy").asText(), "--env", "RUGPULL_CALL_LOG=" + calls);
      try (GuardHarness g = GuardHarness.start(options,
          GuardHarness.rugpull(scenario.path("variant").asText()))) {
        g.initialize("{}");
        for (JsonNode row : scenario.path("requests")) {
          int id = g.request(row.path("method").asText(),
              GuardHarness.JSON.writeValueAsString(row.path("params")));
          assertEquals(row.path("expect").asText(), outcome(g.response(id)), name + " " + row);
        }
      }
      List<String> expected = new ArrayList<>();
      scenario.path("calls").forEach(c -> expected.add(c.asText()));
      assertEquals(expected, Files.exists(calls) ? Files.readAllLines(calls) : List.of(), name);
    }
  }
}
