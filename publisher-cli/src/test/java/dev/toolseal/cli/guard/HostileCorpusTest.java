package dev.toolseal.cli.guard;

import dev.toolseal.verifier.relay.Responses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-server corpus (issue 11, docs/design/boundary.md): every scenario of {@code
 * hostile-server.mjs} behind {@code toolseal guard} with the baseline pinned, over stdio and
 * over {@code --listen}. The client reads every message the guard sends until the guard has
 * ended, and demands (a) that no byte it received contains {@link #CANARY}, which marks every
 * string a scenario says beyond its baseline, (b) that each of its requests was answered exactly
 * once and no other response reached it, and (c) where the scenario determines it, the exact
 * answers: the baseline whole, the baseline with the changed tool hidden, or every request
 * refused with {@code SERVER_REJECTED}.
 */
class HostileCorpusTest {
  static final String NAME = "hostile";
  static final String CANARY = "CANARY";

  @TempDir
  static Path dir;

  private static JsonNode baseInitialize;
  private static JsonNode baseTools;
  private static JsonNode basePrompts;

  /** What the client must see, where the scenario determines it. */
  enum Expect {
    /** The baseline, whole: the hostile messages were dropped and nothing else changed. */
    ACCEPTED,
    /** The baseline with {@code add} hidden and its call refused ({@code NOT_VERIFIED}). */
    QUARANTINED,
    /** Every request refused ({@code SERVER_REJECTED}), {@code initialize} included. */
    REJECTED,
    /** Only (a) and (b): several verdicts are allowed. */
    ANY
  }

  static Stream<Arguments> scenarios() {
    List<String> reject = List.of("--policy", "reject-server");
    return Stream.of(
        Arguments.of("baseline", Expect.ACCEPTED, List.of()),
        Arguments.of("forge-after-initialize", Expect.ACCEPTED, List.of()),
        Arguments.of("forge-predictable-ids", Expect.REJECTED, List.of()), // six violations
        Arguments.of("forge-string-ids", Expect.ACCEPTED, List.of()),
        Arguments.of("forge-during-verification", Expect.ACCEPTED, List.of()),
        Arguments.of("forge-during-reverification", Expect.ACCEPTED, List.of()),
        Arguments.of("forge-guard-like-id", Expect.ACCEPTED, List.of()),
        Arguments.of("duplicate-response", Expect.ACCEPTED, List.of()),
        Arguments.of("duplicate-identical-response", Expect.ACCEPTED, List.of()),
        Arguments.of("late-duplicate-response", Expect.ACCEPTED, List.of()),
        Arguments.of("duplicate-initialize-response", Expect.ACCEPTED, List.of()),
        Arguments.of("batch-forged-and-real", Expect.ACCEPTED, List.of()),
        Arguments.of("null-id-response", Expect.ACCEPTED, List.of()),
        Arguments.of("guard-id-twice", Expect.ACCEPTED, List.of()),
        Arguments.of("guard-id-late", Expect.REJECTED, List.of("--timeout", "1")),
        Arguments.of("instructions-changed", Expect.REJECTED, List.of()),
        Arguments.of("server-info-changed", Expect.REJECTED, List.of()),
        Arguments.of("capabilities-changed", Expect.REJECTED, List.of()),
        Arguments.of("protocol-version-changed", Expect.REJECTED, List.of()),
        Arguments.of("initialize-extra-member", Expect.REJECTED, List.of()),
        Arguments.of("list-changed-storm", Expect.ANY, List.of()),
        Arguments.of("sampling-while-quarantined", Expect.QUARANTINED, List.of()),
        Arguments.of("elicitation-while-quarantined", Expect.QUARANTINED, List.of()),
        Arguments.of("logging-while-quarantined", Expect.QUARANTINED, List.of()),
        Arguments.of("roots-while-quarantined", Expect.QUARANTINED, List.of()),
        Arguments.of("resource-updated-while-quarantined", Expect.QUARANTINED, List.of()),
        Arguments.of("sampling-while-rejected", Expect.REJECTED, reject),
        Arguments.of("elicitation-while-rejected", Expect.REJECTED, reject),
        Arguments.of("logging-while-rejected", Expect.REJECTED, reject),
        Arguments.of("unknown-notification", Expect.ACCEPTED, List.of()),
        Arguments.of("progress-unknown-token", Expect.ACCEPTED, List.of()),
        Arguments.of("cancelled-unknown", Expect.ACCEPTED, List.of()),
        Arguments.of("server-ping-request", Expect.ACCEPTED, List.of()),
        Arguments.of("oversized-message", Expect.REJECTED,
            List.of("--max-message-bytes", "65536")),
        Arguments.of("invalid-utf8", Expect.REJECTED, List.of()),
        Arguments.of("silent-change", Expect.ACCEPTED, List.of()),
        Arguments.of("changed-description-refusal", Expect.QUARANTINED, List.of()),
        Arguments.of("changed-description-reject-server", Expect.REJECTED, reject));
  }

  static List<String> hostile(String scenario) {
    return List.of("node", GuardHarness.servers().resolve("hostile-server.mjs").toString(),
        scenario);
  }

  /** Pins the baseline, and reads what it says directly (no guard) as the expected answers. */
  @BeforeAll
  static void pinTheBaseline() throws Exception {
    GuardEnforcementTest.approve(dir.resolve("lock.json"), NAME, hostile("baseline"));
    Process server = new ProcessBuilder(hostile("baseline"))
        .redirectError(ProcessBuilder.Redirect.DISCARD).start();
    try (OutputStream in = server.getOutputStream(); BufferedReader out = new BufferedReader(
        new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
      in.write((Transcript.request("0", "initialize", Transcript.INITIALIZE) + "\n"
          + Transcript.request("1", "tools/list", "{}") + "\n"
          + Transcript.request("2", "prompts/list", "{}") + "\n")
          .getBytes(StandardCharsets.UTF_8));
      in.flush();
      baseInitialize = GuardHarness.JSON.readTree(out.readLine()).get("result");
      baseTools = GuardHarness.JSON.readTree(out.readLine()).path("result").get("tools");
      basePrompts = GuardHarness.JSON.readTree(out.readLine()).path("result").get("prompts");
    } finally {
      server.destroy();
      server.waitFor(ClientWire.WAIT_SECONDS, TimeUnit.SECONDS);
    }
  }

  private static List<String> options(String scenario, String transport, List<String> more) {
    List<String> options = new ArrayList<>(List.of("--lock", dir.resolve("lock.json").toString(),
        "--name", NAME, "--audit", dir.resolve(scenario + "-" + transport + ".audit.jsonl")
            .toString()));
    options.addAll(more);
    return options;
  }

  @ParameterizedTest(name = "stdio {0}")
  @MethodSource("scenarios")
  void overStdio(String scenario, Expect expect, List<String> more) throws Exception {
    try (ClientWire wire = new StdioClientWire(options(scenario, "stdio", more),
        hostile(scenario))) {
      check(scenario, Transcript.run(wire), expect);
    }
  }

  @ParameterizedTest(name = "listen {0}")
  @MethodSource("scenarios")
  void overListen(String scenario, Expect expect, List<String> more) throws Exception {
    try (ClientWire wire = new HttpClientWire(options(scenario, "listen", more),
        hostile(scenario))) {
      check(scenario, Transcript.run(wire), expect);
    }
  }

  @Test
  void theBaselineSaysNothingMarked() {
    for (JsonNode said : List.of(baseInitialize, baseTools, basePrompts)) {
      assertFalse(said.toString().contains(CANARY), said::toString);
    }
    assertEquals(List.of("echo", "add"), names(baseTools));
  }

  /** The server names its scenarios when asked for an unknown one: each must be run here. */
  @Test
  void theCorpusRunsEveryScenarioOfTheServer() throws Exception {
    Process server = new ProcessBuilder(hostile("no-such-scenario")).start();
    server.getOutputStream().close();
    String err = new String(server.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(server.waitFor(ClientWire.WAIT_SECONDS, TimeUnit.SECONDS));
    assertEquals(2, server.exitValue(), err);
    List<String> known = List.of(err.substring(err.indexOf("known: ") + 7).strip().split(", "));
    assertEquals(known, scenarios().map(a -> (String) a.get()[0]).toList());
    assertTrue(known.size() > 25, err);
  }

  private static void check(String scenario, Transcript t, Expect expect) {
    // (a) no byte from the server beyond the baseline reached the client
    for (String line : t.received()) {
      assertFalse(line.contains(CANARY), () -> scenario + ": the client received server text: "
          + abbreviated(line) + "\nstderr:\n" + abbreviated(t.err()));
    }
    assertFalse(t.framing().contains(CANARY), t::framing);
    // (b) every request answered exactly once, no other response
    for (String id : t.answered().keySet()) {
      assertTrue(t.sent().contains(id), () -> scenario + ": a response to id " + id
          + ", which the client never sent: " + abbreviated(t.answered().get(id).toString()));
    }
    for (String id : t.sent()) {
      List<JsonNode> answers = t.answered().getOrDefault(id, List.of());
      assertEquals(1, answers.size(), () -> scenario + ": answers to id " + id + ": "
          + abbreviated(answers.toString()));
    }
    // (c) the exact answers, where the scenario determines them
    switch (expect) {
      case ACCEPTED -> {
        assertBaselineAround(scenario, t, baseTools);
        assertEquals(5, t.add().path("result").path("structuredContent").path("sum").asInt(),
            t.add()::toString);
      }
      case QUARANTINED -> {
        assertBaselineAround(scenario, t, GuardHarness.JSON.createArrayNode()
            .add(baseTools.get(0)));
        assertRefused(scenario, "NOT_VERIFIED", t.add());
        assertEquals("tool:add", t.add().path("error").path("data").path("toolseal")
            .path("entry").asText(), t.add()::toString);
      }
      case REJECTED -> {
        for (JsonNode answer : List.of(t.initialize(), t.tools(), t.echo(), t.prompts(),
            t.add(), t.toolsAgain())) {
          assertRefused(scenario, "SERVER_REJECTED", answer);
        }
      }
      case ANY -> {
        // (a) and (b) only
      }
    }
  }

  /** The baseline's initialize, prompts and echo call, and {@code tools} listed twice. */
  private static void assertBaselineAround(String scenario, Transcript t, JsonNode tools) {
    assertEquals(baseInitialize, t.initialize().get("result"), scenario + ": initialize");
    assertEquals(tools, t.tools().path("result").get("tools"), scenario + ": tools/list");
    assertEquals(tools, t.toolsAgain().path("result").get("tools"), scenario + ": tools again");
    assertEquals(basePrompts, t.prompts().path("result").get("prompts"),
        scenario + ": prompts/list");
    assertEquals("hello", t.echo().path("result").path("content").path(0).path("text")
        .asText(), t.echo()::toString);
  }

  private static void assertRefused(String scenario, String refusal, JsonNode answer) {
    assertEquals(Responses.REFUSED, answer.path("error").path("code").asInt(),
        () -> scenario + ": not refused: " + abbreviated(answer.toString()));
    JsonNode toolseal = answer.path("error").path("data").path("toolseal");
    assertEquals(refusal, toolseal.path("refusal").asText(), answer::toString);
    assertEquals(NAME, toolseal.path("server").asText(), answer::toString);
  }

  private static List<String> names(JsonNode tools) {
    List<String> names = new ArrayList<>();
    tools.forEach(t -> names.add(t.path("name").asText()));
    return names;
  }

  static String abbreviated(String text) {
    return text.length() <= 600 ? text : text.substring(0, 600) + "... (" + text.length()
        + " chars)";
  }
}
