package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.gate.GateRugPullTest.Fact;
import dev.toolseal.verifier.gate.PinnedManifestVerifier.Policy;
import dev.toolseal.verifier.manifest.Era;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link GateRugPullTest} in the modern era: every variant of the 2026 {@code
 * rugpull-server.mjs} (the same definitions, served by the official TypeScript SDK v2 over
 * stdio), relayed by the gate engine to a modern client, against the baseline recorded in the
 * modern era and pinned with {@link Policy#REJECT_SERVER}. The expected reasons are
 * GateRugPullTest's own: a rug pull reads the same in both eras.
 */
class ModernGateRugPullTest {
  @TempDir
  static Path dir;

  /** What one session ended with; {@code listed} is null when tools/list was refused. */
  record Outcome(Verdict verdict, JsonNode list, List<String> listed, JsonNode call,
      List<String> calls) {}

  private static final Map<String, Future<Outcome>> OUTCOMES = new ConcurrentHashMap<>();
  private static ExecutorService pool;
  private static ToolManifest baseline;

  private static List<String> rugpull(String variant) {
    return ModernEraGate.stdio("rugpull-server.mjs", variant);
  }

  private static Map<String, String> log(String variant) {
    return Map.of("RUGPULL_CALL_LOG", dir.resolve(variant + ".calls").toString());
  }

  @BeforeAll
  static void runEveryVariant() throws Exception {
    baseline = ModernEraGate.pin(rugpull("baseline"), log("pin"), GateServers.RUGPULL);
    ManifestVerifier verifier = new PinnedManifestVerifier(baseline, Policy.REJECT_SERVER);
    pool = Executors.newFixedThreadPool(4);
    Stream.concat(GateRugPullTest.rugPulls(), GateRugPullTest.benign())
        .map(a -> (String) a.get()[0])
        .forEach(variant -> OUTCOMES.put(variant, pool.submit(() -> run(variant, verifier))));
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  private static Outcome run(String variant, ManifestVerifier verifier) throws Exception {
    try (ModernEraGate gate = ModernEraGate.start(rugpull(variant), log(variant),
        GateServers.RUGPULL, verifier, false)) {
      JsonNode list = gate.request("tools/list", "");
      Verdict verdict = gate.verdict();
      List<String> listed = null;
      if (list.has("result")) {
        listed = new ArrayList<>();
        for (JsonNode t : list.path("result").path("tools")) {
          listed.add(t.path("name").asText());
        }
      }
      JsonNode call = gate.request("tools/call", "\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":3}");
      return new Outcome(verdict, list, listed, call,
          GateServers.calls(dir.resolve(variant + ".calls")));
    }
  }

  static Outcome outcome(String variant) throws Exception {
    try {
      return OUTCOMES.get(variant).get();
    } catch (ExecutionException e) {
      throw new AssertionError(variant + " failed", e.getCause());
    }
  }

  @Test
  void theBaselineIsAModernManifestWithTheLegacyEntries() throws Exception {
    assertEquals(Era.MODERN, baseline.era());
    ToolManifest legacy = GateServers.pin(GateServers.rugpull("baseline",
        dir.resolve("legacy-pin.calls")), GateServers.RUGPULL);
    assertEquals(legacy.entries(), baseline.entries());
    assertEquals(legacy.instructions(), baseline.instructions());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.toolseal.verifier.gate.GateRugPullTest#rugPulls")
  void rugPullRejectsTheServerWithTheRightReason(String variant, Set<Fact> expected)
      throws Exception {
    Outcome outcome = outcome(variant);
    assertInstanceOf(Decision.RejectServer.class, outcome.verdict().decision());
    assertEquals(expected,
        outcome.verdict().reasons().stream().map(Fact::of).collect(Collectors.toSet()));
    assertEquals("SERVER_REJECTED", ModernEraGate.refusal(outcome.list()), outcome.list()::toString);
    assertEquals("SERVER_REJECTED", ModernEraGate.refusal(outcome.call()));
    // the refusal may reach the model: no text of the server's in it
    assertFalse(outcome.list().toString().contains("IMPORTANT"), variant);
    assertEquals(List.of(), outcome.calls(), "a call to a rejected server reached it");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.toolseal.verifier.gate.GateRugPullTest#benign")
  void benignVariantIsAcceptedWhole(String variant) throws Exception {
    Outcome outcome = outcome(variant);
    assertInstanceOf(Decision.AcceptAll.class, outcome.verdict().decision());
    assertEquals(Set.of("add", "get_weather"), Set.copyOf(outcome.listed()));
    assertEquals("complete", outcome.list().path("result").path("resultType").asText());
    assertTrue(outcome.call().has("result"), outcome.call()::toString);
    assertEquals(List.of("add"), outcome.calls());
  }

  @Test
  void aChangeAnnouncedOnAListenStreamIsVerifiedBeforeAnythingElseIsRelayed() throws Exception {
    Map<String, String> calls = log("listen");
    ToolManifest pinned = ModernEraGate.pin(rugpull("call-then-change"), log("listen-pin"),
        GateServers.RUGPULL);
    try (ModernEraGate gate = ModernEraGate.start(rugpull("call-then-change"), calls,
        GateServers.RUGPULL, new PinnedManifestVerifier(pinned, Policy.REJECT_SERVER), false)) {
      int listen = gate.send("subscriptions/listen",
          "\"notifications\":{\"toolsListChanged\":true}", "{}");
      JsonNode ack = gate.notification("notifications/subscriptions/acknowledged");
      assertEquals(listen, ack.path("params").path("_meta")
          .path("io.modelcontextprotocol/subscriptionId").asInt(), ack::toString);
      assertEquals(Set.of("add", "get_weather"), Set.copyOf(names(gate.request("tools/list",
          ""))));
      JsonNode call = gate.request("tools/call", "\"name\":\"add\",\"arguments\":"
          + "{\"a\":2,\"b\":3}");
      assertTrue(call.has("result"), call::toString);
      // the server announces run_shell on the listen stream right after that answer; once the
      // guard has read it, it verifies before answering, and the changed server is rejected.
      // Until then a list is still answered from the verdict before (the old, verified list).
      JsonNode after = gate.request("tools/list", "");
      for (int i = 0; i < 200 && ModernEraGate.refusal(after).isEmpty(); i++) {
        assertEquals(Set.of("add", "get_weather"), Set.copyOf(names(after)));
        after = gate.request("tools/list", "");
      }
      assertEquals("SERVER_REJECTED", ModernEraGate.refusal(after), after::toString);
      assertEquals(Set.of(new Fact("tool:run_shell", GateReason.Kind.ADDED, Set.of(), "")),
          gate.verdict().reasons().stream().map(Fact::of).collect(Collectors.toSet()));
      assertFalse(gate.others().toString().contains("run_shell"), gate.others()::toString);
      assertEquals(List.of("add"), GateServers.calls(dir.resolve("listen.calls")));
    }
  }

  @Test
  void aChangeIsVerifiedEvenWhenTheClientNeverListens() throws Exception {
    ToolManifest pinned = ModernEraGate.pin(rugpull("call-then-change"), log("quiet-pin"),
        GateServers.RUGPULL);
    try (ModernEraGate gate = ModernEraGate.start(rugpull("call-then-change"), log("quiet"),
        GateServers.RUGPULL, new PinnedManifestVerifier(pinned, Policy.REJECT_SERVER), false)) {
      assertTrue(gate.request("tools/call", "\"name\":\"add\",\"arguments\":"
          + "{\"a\":2,\"b\":3}").has("result"));
      // the announcement went only to the guard's own listen stream; it verifies all the same
      JsonNode after = gate.request("tools/list", "");
      for (int i = 0; i < 200 && ModernEraGate.refusal(after).isEmpty(); i++) {
        after = gate.request("tools/list", "");
      }
      assertEquals("SERVER_REJECTED", ModernEraGate.refusal(after), after::toString);
      assertTrue(gate.others().stream().noneMatch(m -> m.has("method")),
          gate.others()::toString); // nothing of the guard's own stream reached the client
    }
  }

  private static List<String> names(JsonNode list) {
    List<String> names = new ArrayList<>();
    list.path("result").path("tools").forEach(t -> names.add(t.path("name").asText()));
    return names;
  }

  @Test
  void reorderedToolsAreListedInTheServersOrder() throws Exception {
    assertEquals(List.of("get_weather", "add"), outcome("reordered").listed());
  }
}
