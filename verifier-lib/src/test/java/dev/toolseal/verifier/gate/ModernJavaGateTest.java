package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toolseal.verifier.gate.GateRugPullTest.Fact;
import dev.toolseal.verifier.gate.PinnedManifestVerifier.Policy;
import dev.toolseal.verifier.manifest.Era;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.log.MemoryCheckpointStore;
import dev.toolseal.verifier.mcp.McpEndpoint;
import dev.toolseal.verifier.verification.OfflineEvidenceFiles;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link GatedMcpClient} (the official Java SDK client, which speaks the legacy era only) in
 * front of servers of the modern era: with a modern pin the engine verifies the server in the
 * modern era and bridges the SDK client to it (docs/design/eras.md, section 7).
 */
class ModernJavaGateTest {
  @TempDir
  Path dir;

  /** The capabilities GateServers' SDK client declares, so the pin is judged like for like. */
  private static final String SDK_CAPABILITIES = "{\"roots\":{\"listChanged\":false}}";

  private static ToolManifest pin(List<String> command, Map<String, String> env)
      throws Exception {
    return ModernEraGate.pin(command, env, GateServers.RUGPULL,
        ModernEraGate.JSON.readTree(SDK_CAPABILITIES));
  }

  private static McpEndpoint.Stdio endpoint(List<String> command, Map<String, String> env) {
    return new McpEndpoint.Stdio(command.get(0), command.subList(1, command.size()), env);
  }

  @Test
  void theJavaGateUsesAModernOnlyServerThroughTheBridge() throws Exception {
    List<String> command = ModernEraGate.stdio("era-server.mjs", "--modern-only");
    ToolManifest pin = pin(command, Map.of());
    assertEquals(Era.MODERN, pin.era());
    try (GatedMcpClient gate = GateServers.gate(endpoint(command, Map.of()),
        new PinnedManifestVerifier(pin, Policy.REJECT_SERVER))) {
      Verdict verdict = gate.verdict();
      assertInstanceOf(Decision.AcceptAll.class, verdict.decision(), verdict.reasons()::toString);
      assertEquals(Set.of("add", "distance", "echo"), gate.listTools().stream()
          .map(McpSchema.Tool::name).collect(Collectors.toSet()));
      McpSchema.CallToolResult result = gate.callTool("echo", Map.of("text", "hi"));
      assertEquals("hi", ((McpSchema.TextContent) result.content().get(0)).text());
    }
  }

  @Test
  void aRugPullOfAModernServerRejectsItForTheJavaClientToo() throws Exception {
    Map<String, String> pinLog = Map.of("RUGPULL_CALL_LOG", dir.resolve("pin.calls").toString());
    ToolManifest pin = pin(ModernEraGate.stdio("rugpull-server.mjs", "baseline"), pinLog);
    PinnedManifestVerifier verifier = new PinnedManifestVerifier(pin, Policy.REJECT_SERVER);

    Path calls = dir.resolve("baseline.calls");
    try (GatedMcpClient gate = GateServers.gate(endpoint(ModernEraGate.stdio("rugpull-server.mjs",
        "baseline"), Map.of("RUGPULL_CALL_LOG", calls.toString())), verifier)) {
      assertInstanceOf(Decision.AcceptAll.class, gate.verdict().decision());
      gate.callTool("add", Map.of("a", 2, "b", 3));
      assertEquals(List.of("add"), GateServers.calls(calls));
    }

    Path pulled = dir.resolve("pulled.calls");
    try (GatedMcpClient gate = GateServers.gate(endpoint(ModernEraGate.stdio("rugpull-server.mjs",
        "param-added"), Map.of("RUGPULL_CALL_LOG", pulled.toString())), verifier)) {
      Verdict verdict = gate.verdict();
      assertInstanceOf(Decision.RejectServer.class, verdict.decision());
      assertEquals(Set.of(new Fact("tool:add", GateReason.Kind.CHANGED,
          Set.of("/inputSchema/properties/sshKey"), "")),
          verdict.reasons().stream().map(Fact::of).collect(Collectors.toSet()));
      assertThrows(GateRefusedException.class, () -> gate.callTool("add", Map.of("a", 2, "b", 3)));
      assertEquals(List.of(), GateServers.calls(pulled));
    }
  }

  @Test
  void aSignedReleaseOfAModernServerGatesTheJavaClientInTheReleasesEra() throws Exception {
    List<String> baseline = ModernEraGate.stdio("rugpull-server.mjs", "baseline");
    ReleaseChain chain = new ReleaseChain(ReleaseGateRugPullTest.namespace());
    OfflineEvidenceFiles evidence = chain.reviewedRelease(dir.resolve("evidence"),
        pin(baseline, Map.of("RUGPULL_CALL_LOG", dir.resolve("pin.calls").toString())));
    ReleaseManifestVerifier verifier = new ReleaseManifestVerifier(evidence, chain.policy(),
        new MemoryCheckpointStore());
    assertEquals(java.util.Optional.of(ModernEraGate.VERSION),
        verifier.referenceProtocolVersion(GateServers.RUGPULL));

    // the dual-era server is recorded in the release's (modern) era, and accepted
    try (GatedMcpClient gate = GateServers.gate(endpoint(baseline, Map.of()), verifier)) {
      Verdict verdict = gate.verdict();
      assertInstanceOf(Decision.AcceptAll.class, verdict.decision(), verdict.reasons()::toString);
    }
    // its rug pull is not
    try (GatedMcpClient gate = GateServers.gate(endpoint(ModernEraGate.stdio("rugpull-server.mjs",
        "description-appended"), Map.of()), verifier)) {
      assertEquals(Set.of(new Fact("tool:add", GateReason.Kind.CHANGED, Set.of("/description"),
          "")), gate.verdict().reasons().stream().map(Fact::of).collect(Collectors.toSet()));
    }
  }

  /**
   * The SDK client never listens for changes of a modern server (it cannot: it speaks the legacy
   * era); the guard's own listen stream hears the change announced after the first call, the
   * server is verified again, and the added tool stays hidden while the rest keeps working.
   */
  @Test
  void aChangeAnnouncedMidSessionIsVerifiedForTheJavaClient() throws Exception {
    List<String> command = ModernEraGate.stdio("rugpull-server.mjs", "call-then-change");
    ToolManifest pin = pin(command, Map.of("RUGPULL_CALL_LOG",
        dir.resolve("ctc-pin.calls").toString()));
    Path calls = dir.resolve("ctc.calls");
    try (GatedMcpClient gate = GateServers.gate(endpoint(command,
        Map.of("RUGPULL_CALL_LOG", calls.toString())),
        new PinnedManifestVerifier(pin, Policy.QUARANTINE_CHANGED))) {
      Verdict first = gate.verdict();
      assertInstanceOf(Decision.AcceptAll.class, first.decision(), first.reasons()::toString);
      gate.callTool("add", Map.of("a", 2, "b", 3));
      Verdict after = GateSessionTest.awaitNewer(gate, first);
      assertInstanceOf(Decision.AcceptOnly.class, after.decision(), after.reasons()::toString);
      assertEquals(Set.of(new Fact("tool:run_shell", GateReason.Kind.ADDED, Set.of(), "")),
          after.reasons().stream().map(Fact::of).collect(Collectors.toSet()));
      assertEquals(Set.of("add", "get_weather"), gate.listTools().stream()
          .map(McpSchema.Tool::name).collect(Collectors.toSet()));
      assertThrows(GateRefusedException.class, () -> gate.callTool("run_shell",
          Map.of("cmd", "id")));
      gate.callTool("add", Map.of("a", 1, "b", 1));
    }
    assertEquals(List.of("add", "add"), GateServers.calls(calls));
  }
}
