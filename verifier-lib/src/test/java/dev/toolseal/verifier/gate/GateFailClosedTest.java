package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.verifier.gate.GateRefusedException.Refusal;
import dev.toolseal.verifier.gate.GateReason.Kind;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.EntryKind;
import dev.toolseal.verifier.mcp.RecordingLimits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whatever goes wrong inside the gate, nothing is let through and nothing reaches the server. */
class GateFailClosedTest {
    private static final Map<String, Object> TWO_PLUS_THREE = Map.of("a", 2, "b", 3);

    @TempDir
    Path dir;

    /** Connects to the baseline server with {@code verifier}, checks that all is blocked. */
    private Verdict blocked(String variant, ManifestVerifier verifier) throws Exception {
        Path log = dir.resolve("calls");
        Verdict verdict;
        try (GatedMcpClient gate = GateServers.gate(GateServers.rugpull(variant, log), verifier)) {
            verdict = gate.verdict();
            assertInstanceOf(Decision.RejectServer.class, verdict.decision());
            assertTrue(verdict.tools().isEmpty());
            assertEquals(Refusal.SERVER_REJECTED,
                    assertThrows(GateRefusedException.class, gate::listTools).refusal());
            assertEquals(Refusal.SERVER_REJECTED, assertThrows(GateRefusedException.class,
                    () -> gate.callTool("add", TWO_PLUS_THREE)).refusal());
            assertEquals(Refusal.SERVER_REJECTED, assertThrows(GateRefusedException.class,
                    () -> gate.getPrompt("summarise", Map.of())).refusal());
        }
        assertEquals(List.of(), GateServers.calls(log));
        return verdict;
    }

    private static Set<Kind> kinds(Verdict verdict) {
        return verdict.reasons().stream().map(GateReason::kind).collect(Collectors.toSet());
    }

    @Test
    void aVerifierThatThrowsBlocksEverything() throws Exception {
        Verdict verdict = blocked("baseline", live -> {
            throw new IllegalStateException("trust store unreadable");
        });
        assertEquals(Set.of(Kind.VERIFICATION_FAILED), kinds(verdict));
        assertEquals(Optional.empty(), verdict.reasons().get(0).key());
    }

    @Test
    void aVerifierThatReturnsNothingBlocksEverything() throws Exception {
        assertEquals(Set.of(Kind.VERIFICATION_FAILED), kinds(blocked("baseline", live -> null)));
    }

    @Test
    void aPartialAcceptanceThatLeavesOutAFixedPartRejectsTheServer() throws Exception {
        GateReason aboutAdd = new GateReason(Optional.of(new EntryKey(EntryKind.TOOL, "add")), Kind.CHANGED,
                List.of("/description"), Optional.empty(), "add changed");
        Verdict verdict = blocked("baseline", live -> new Decision.AcceptOnly(
                live.entries().keySet(), List.of(aboutAdd)));
        assertTrue(kinds(verdict).contains(Kind.GATE_RULE));
        assertTrue(verdict.reasons().stream().anyMatch(r -> r.kind() == Kind.GATE_RULE
                && r.key().equals(Optional.of(EntryKey.SERVER_INSTRUCTIONS))));
    }

    @Test
    void aPartialAcceptanceWithAReasonAboutInstructionsRejectsTheServer() throws Exception {
        GateReason aboutInstructions = new GateReason(Optional.of(EntryKey.SERVER_INSTRUCTIONS), Kind.CHANGED,
                List.of(""), Optional.empty(), "instructions changed");
        Verdict verdict = blocked("baseline", live -> new Decision.AcceptOnly(
                live.parts().keySet(), List.of(aboutInstructions)));
        assertTrue(verdict.reasons().stream().anyMatch(r -> r.kind() == Kind.GATE_RULE
                && r.key().equals(Optional.of(EntryKey.SERVER_INSTRUCTIONS))));
    }

    @Test
    void aRecordingFailureBlocksEverything() throws Exception {
        Verdict verdict = blocked("cursor-loop", live -> new Decision.AcceptAll());
        assertEquals(Set.of(Kind.RECORDING_FAILED), kinds(verdict));
    }

    @Test
    void theCallersPageBoundAppliesToTheEngine() throws Exception {
        ManifestVerifier acceptAll = live -> new Decision.AcceptAll();
        Path log = dir.resolve("paged");
        try (GatedMcpClient gate = GateServers.gate(GateServers.rugpull("paged", log), acceptAll)) {
            assertInstanceOf(Decision.AcceptAll.class, gate.verdict().decision()); // two pages are fine
        }
        RecordingLimits onePage = GateServers.LIMITS.withMaxPages(1);
        try (GatedMcpClient gate = GatedMcpClient.connect(GateServers.rugpull("paged", log),
                GateServers.RUGPULL, acceptAll, GateServers.CAPABILITIES, onePage)) {
            assertEquals(Set.of(Kind.RECORDING_FAILED), kinds(gate.verdict()));
            assertEquals(Refusal.SERVER_REJECTED,
                    assertThrows(GateRefusedException.class, gate::listTools).refusal());
            assertEquals(Refusal.SERVER_REJECTED, assertThrows(GateRefusedException.class,
                    () -> gate.callTool("add", TWO_PLUS_THREE)).refusal());
        }
        assertEquals(List.of(), GateServers.calls(log));
    }

    @Test
    void aServerThatCannotStartIsRejected() throws Exception {
        RecordingLimits quick = new RecordingLimits(1 << 20, 1 << 24, 10, Duration.ofSeconds(2));
        try (GatedMcpClient gate = GatedMcpClient.connect(GateServers.rugpull("no-such-variant", dir.resolve("c")),
                GateServers.RUGPULL, live -> new Decision.AcceptAll(), GateServers.CAPABILITIES, quick)) {
            assertEquals(Set.of(Kind.RECORDING_FAILED), kinds(gate.verdict()));
            assertEquals(Refusal.SERVER_REJECTED, assertThrows(GateRefusedException.class,
                    () -> gate.callTool("add", TWO_PLUS_THREE)).refusal());
        }
    }

    @Test
    void aClosedGateRefusesEverything() throws Exception {
        Path log = dir.resolve("closed");
        GatedMcpClient gate = GateServers.gate(GateServers.rugpull("baseline", log), live -> new Decision.AcceptAll());
        assertEquals(List.of("add", "get_weather"),
                gate.listTools().stream().map(t -> t.name()).toList());
        gate.close();
        assertEquals(Refusal.CLOSED, assertThrows(GateRefusedException.class,
                () -> gate.callTool("add", TWO_PLUS_THREE)).refusal());
        assertEquals(List.of(), GateServers.calls(log));
    }
}
