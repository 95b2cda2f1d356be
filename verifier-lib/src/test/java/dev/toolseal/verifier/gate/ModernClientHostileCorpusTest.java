package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.gate.HostileCorpusGateTest.Expect;
import dev.toolseal.verifier.gate.PinnedManifestVerifier.Policy;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.relay.GuardSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile corpus in the modern era for a modern client: every scenario of {@code
 * hostile-server.mjs --modern} relayed by the engine to a raw client of MCP 2026-07-28 (no
 * bridge), with {@link HostileCorpusGateTest}'s expectations. Every line the client receives is
 * checked for the marker, answers, notifications and refusals alike.
 */
class ModernClientHostileCorpusTest {
  private static ToolManifest baseline;

  private static List<String> hostile(String scenario) {
    return List.of("node", GateServers.root().resolve("hostile-server.mjs").toString(), scenario,
        "--modern");
  }

  @BeforeAll
  static void pinTheBaseline() throws Exception {
    baseline = ModernEraGate.pin(hostile("baseline"), Map.of(), HostileCorpusGateTest.HOSTILE);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.toolseal.verifier.gate.HostileCorpusGateTest#scenarios")
  void noMarkedTextReachesTheClient(String scenario, Expect expect, Policy policy)
      throws Exception {
    Duration timeout = Duration.ofSeconds(scenario.equals("guard-id-late") ? 1 : 5);
    List<JsonNode> lists = new ArrayList<>();
    JsonNode echo;
    JsonNode add;
    List<String> seen;
    GuardSettings base = ModernEraGate.settings(hostile(scenario), Optional.empty(), Map.of(),
        HostileCorpusGateTest.HOSTILE, new PinnedManifestVerifier(baseline, policy), false,
        GuardSettings.DEFAULT_MAX_EVIDENCE_AGE, timeout);
    // as the guard's own corpus test runs it: a bound the scenario's message is over
    int maxBytes = scenario.equals("oversized-message") ? 65536 : base.maxMessageBytes();
    GuardSettings settings = new GuardSettings(base.server(), base.command(), base.url(),
        base.env(), base.verifier(), base.reference(), base.audit(), base.diagnostics(),
        base.timeout(), maxBytes, base.recording(), base.shutdownGrace(),
        base.referenceProtocolVersion(), base.allowServerRequests(), base.maxEvidenceAge(),
        base.clock());
    try (ModernEraGate gate = ModernEraGate.start(settings)) {
      lists.add(gate.request("server/discover", ""));
      lists.add(gate.request("tools/list", ""));
      lists.add(gate.request("tools/list", ""));
      echo = gate.request("tools/call", "\"name\":\"echo\",\"arguments\":{\"message\":\"hello\"}");
      add = gate.request("tools/call", "\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":3}");
      seen = new ArrayList<>(gate.allSeen());
    }
    lists.forEach(l -> seen.add(l.toString()));
    seen.add(echo.toString());
    seen.add(add.toString());
    for (String line : seen) {
      assertFalse(line.contains(HostileCorpusGateTest.CANARY), () -> scenario
          + ": the client was sent server text: " + line.substring(0, Math.min(600,
          line.length())));
    }
    JsonNode list = lists.get(2);
    switch (expect) {
      case ACCEPTED -> {
        assertEquals(List.of("echo", "add"), names(list), scenario);
        assertEquals("hello", echo.path("result").path("content").path(0).path("text").asText(),
            scenario);
        assertEquals("5", add.path("result").path("content").path(0).path("text").asText(),
            scenario);
      }
      case QUARANTINED -> {
        assertEquals(List.of("echo"), names(list), scenario);
        assertEquals("hello", echo.path("result").path("content").path(0).path("text").asText(),
            scenario);
        assertEquals("NOT_VERIFIED", ModernEraGate.refusal(add), scenario);
      }
      case REJECTED -> {
        assertEquals("SERVER_REJECTED", ModernEraGate.refusal(list), scenario);
        assertEquals("SERVER_REJECTED", ModernEraGate.refusal(add), scenario);
      }
      case ANY -> {
        // the marker only
      }
    }
  }

  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.path("result").path("tools").forEach(t -> names.add(t.path("name").asText()));
    return names;
  }
}
