package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.gate.GateRefusedException.Refusal;
import dev.toolseal.verifier.gate.GateReason.Kind;
import dev.toolseal.verifier.gate.GateRugPullTest.Fact;
import dev.toolseal.verifier.gate.PinnedManifestVerifier.Policy;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.mcp.ListKind;
import dev.toolseal.verifier.mcp.RawSnapshot;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Live gated sessions with the rug-pull server: quarantine, re-verification on list_changed and
 * on restart, and fail-closed behaviour. The server logs every tools/call it receives, so each
 * refusal is checked on the server's side too.
 */
class GateSessionTest {
    private static final Map<String, Object> TWO_PLUS_THREE = Map.of("a", 2, "b", 3);
    private static final Map<String, Object> OSLO = Map.of("location", Map.of("city", "Oslo"));

    @TempDir
    static Path dir;
    private static ToolManifest baseline;

    @BeforeAll
    static void pinBaseline() throws Exception {
        baseline = GateServers.pin(GateServers.rugpull("baseline", dir.resolve("pin.log")), GateServers.RUGPULL);
    }

    private static Path log(String name) {
        return dir.resolve(name + ".calls");
    }

    private static GatedMcpClient gate(String variant, Path log, Policy policy) {
        return GateServers.gate(GateServers.rugpull(variant, log), new PinnedManifestVerifier(baseline, policy));
    }

    private static Set<Fact> facts(List<GateReason> reasons) {
        return reasons.stream().map(Fact::of).collect(Collectors.toSet());
    }

    private static List<String> names(List<McpSchema.Tool> tools) {
        return tools.stream().map(McpSchema.Tool::name).toList();
    }

    private static GateRefusedException refused(GatedMcpClient gate, String tool, Map<String, Object> args) {
        return assertThrows(GateRefusedException.class, () -> gate.callTool(tool, args));
    }

    @Test
    void quarantineHidesOnlyTheChangedToolAndTheOthersStillWork() throws Exception {
        Path log = log("quarantine-nested");
        try (GatedMcpClient gate = gate("nested-schema", log, Policy.QUARANTINE_CHANGED)) {
            assertInstanceOf(Decision.AcceptOnly.class, gate.verdict().decision());
            assertEquals(List.of("add"), names(gate.listTools()));
            McpSchema.CallToolResult sum = gate.callTool("add", TWO_PLUS_THREE);
            assertEquals(Map.of("sum", 5), sum.structuredContent());
            GateRefusedException e = refused(gate, "get_weather", OSLO);
            assertEquals(Refusal.NOT_VERIFIED, e.refusal());
            assertEquals(Optional.of("get_weather"), e.tool());
            assertEquals(Set.of(new Fact("tool:get_weather", Kind.CHANGED,
                    Set.of("/inputSchema/properties/location/properties/city/maxLength"), "")), facts(e.reasons()));
        }
        assertEquals(List.of("add"), GateServers.calls(log));
    }

    @Test
    void quarantineHidesAPoisonedDescription() throws Exception {
        Path log = log("quarantine-description");
        try (GatedMcpClient gate = gate("description-appended", log, Policy.QUARANTINE_CHANGED)) {
            assertEquals(List.of("get_weather"), names(gate.listTools()));
            assertEquals(Refusal.NOT_VERIFIED, refused(gate, "add", TWO_PLUS_THREE).refusal());
            McpSchema.CallToolResult weather = gate.callTool("get_weather", OSLO);
            assertEquals("ok", ((McpSchema.TextContent) weather.content().get(0)).text());
        }
        assertEquals(List.of("get_weather"), GateServers.calls(log));
    }

    @Test
    void changedInstructionsRejectTheServerEvenUnderQuarantine() throws Exception {
        Path log = log("quarantine-instructions");
        try (GatedMcpClient gate = gate("instructions-changed", log, Policy.QUARANTINE_CHANGED)) {
            assertInstanceOf(Decision.RejectServer.class, gate.verdict().decision());
            assertEquals(Set.of(new Fact("server:instructions", Kind.CHANGED, Set.of(""), "")),
                    facts(gate.verdict().reasons()));
            assertEquals(Refusal.SERVER_REJECTED, assertThrows(GateRefusedException.class, gate::listTools).refusal());
            assertEquals(Refusal.SERVER_REJECTED, refused(gate, "add", TWO_PLUS_THREE).refusal());
        }
        assertEquals(List.of(), GateServers.calls(log));
    }

    @Test
    void aMaliciousToolOnlyOnPageTwoIsHidden() throws Exception {
        Path log = log("second-page");
        try (GatedMcpClient gate = gate("second-page", log, Policy.QUARANTINE_CHANGED)) {
            assertEquals(List.of("add", "get_weather"), names(gate.listTools()));
            GateRefusedException e = refused(gate, "send_report", Map.of("sidenote", "secret"));
            assertEquals(Set.of(new Fact("tool:send_report", Kind.ADDED, Set.of(), "")), facts(e.reasons()));
        }
        assertEquals(List.of(), GateServers.calls(log));
    }

    @Test
    void listedToolsAreTheEntriesThatWereVerified() throws Exception {
        AtomicReference<ToolManifest> judged = new AtomicReference<>();
        ManifestVerifier spy = live -> {
            judged.set(live);
            return new PinnedManifestVerifier(baseline, Policy.QUARANTINE_CHANGED).verify(live);
        };
        try (GatedMcpClient gate = GateServers.gate(GateServers.rugpull("param-type", log("toctou")), spy)) {
            Verdict verdict = gate.verdict();
            List<McpSchema.Tool> listed = gate.listTools();
            assertEquals(List.of("get_weather"), names(listed));
            JsonNode raw = verdict.rawTools().get(0);
            assertEquals(listed.get(0).description(), raw.path("description").textValue());
            // the raw entry handed out canonicalises to exactly the entry the verifier judged
            assertEquals(judged.get().entries().get(EntryKey.parse("tool:get_weather")).text(),
                    LiveManifests.of(GateServers.RUGPULL, new RawSnapshot(
                            judged.get().initialize().tree(), judged.get().clientCapabilities().tree(),
                            Map.of(ListKind.TOOLS, List.of(page(raw)))))
                            .entries().get(EntryKey.parse("tool:get_weather")).text());
        }
    }

    private static JsonNode page(JsonNode tool) {
        ObjectNode page = JsonNodeFactory.instance.objectNode();
        page.putArray("tools").add(tool);
        return page;
    }

    @Test
    void aChangeAnnouncedAfterTheFirstCallIsCaughtAndItsToolNeverCalled() throws Exception {
        ToolManifest trusted = GateServers.pin(GateServers.rugpull("call-then-change", log("pin-ctc")),
                GateServers.RUGPULL);
        Path log = log("call-then-change");
        try (GatedMcpClient gate = GateServers.gate(GateServers.rugpull("call-then-change", log),
                new PinnedManifestVerifier(trusted, Policy.REJECT_SERVER))) {
            Verdict first = gate.verdict();
            assertInstanceOf(Decision.AcceptAll.class, first.decision());
            assertEquals(Map.of("sum", 5), gate.callTool("add", TWO_PLUS_THREE).structuredContent());
            refused(gate, "run_shell", Map.of("cmd", "id")); // never verified, whatever the timing
            Verdict after = awaitNewer(gate, first);
            assertInstanceOf(Decision.RejectServer.class, after.decision());
            assertEquals(Set.of(new Fact("tool:run_shell", Kind.ADDED, Set.of(), "")), facts(after.reasons()));
            assertEquals(Refusal.SERVER_REJECTED, refused(gate, "run_shell", Map.of("cmd", "id")).refusal());
            assertEquals(Refusal.SERVER_REJECTED, refused(gate, "add", TWO_PLUS_THREE).refusal());
        }
        assertEquals(List.of("add"), GateServers.calls(log));
    }

    @Test
    void underQuarantineALateAddedToolIsHiddenAndTheRestKeepsWorking() throws Exception {
        ToolManifest trusted = GateServers.pin(GateServers.rugpull("call-then-change", log("pin-ctc-q")),
                GateServers.RUGPULL);
        Path log = log("call-then-change-q");
        try (GatedMcpClient gate = GateServers.gate(GateServers.rugpull("call-then-change", log),
                new PinnedManifestVerifier(trusted, Policy.QUARANTINE_CHANGED))) {
            Verdict first = gate.verdict();
            gate.callTool("add", TWO_PLUS_THREE);
            Verdict after = awaitNewer(gate, first);
            assertInstanceOf(Decision.AcceptOnly.class, after.decision());
            assertEquals(List.of("add", "get_weather"), names(gate.listTools()));
            assertEquals(Refusal.NOT_VERIFIED, refused(gate, "run_shell", Map.of("cmd", "id")).refusal());
            assertEquals(Map.of("sum", 5), gate.callTool("add", TWO_PLUS_THREE).structuredContent());
        }
        assertEquals(List.of("add", "add"), GateServers.calls(log));
    }

    @Test
    void aPromptChangeAnnouncedLaterIsCaughtToo() throws Exception {
        ToolManifest trusted = GateServers.pin(GateServers.rugpull("call-then-change-prompt", log("pin-ctcp")),
                GateServers.RUGPULL);
        Path log = log("call-then-change-prompt");
        try (GatedMcpClient gate = GateServers.gate(GateServers.rugpull("call-then-change-prompt", log),
                new PinnedManifestVerifier(trusted, Policy.REJECT_SERVER))) {
            Verdict first = gate.verdict();
            assertInstanceOf(Decision.AcceptAll.class, first.decision());
            gate.callTool("add", TWO_PLUS_THREE);
            Verdict after = awaitNewer(gate, first);
            assertEquals(Set.of(new Fact("prompt:summarise", Kind.CHANGED, Set.of("/description"), "")),
                    facts(after.reasons()));
            assertEquals(Refusal.SERVER_REJECTED, refused(gate, "add", TWO_PLUS_THREE).refusal());
        }
        assertEquals(List.of("add"), GateServers.calls(log));
    }

    /** Waits (bounded) until a verification newer than {@code old} is in force. */
    static Verdict awaitNewer(GatedMcpClient gate, Verdict old) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<Verdict> now = gate.currentVerdict();
            if (now.isPresent() && now.get().generation() > old.generation()) {
                return now.get();
            }
            Thread.sleep(20);
        }
        return fail("no re-verification after list_changed");
    }

    @Test
    void aSleeperIsCaughtWhenTheGateRestartsIt() throws Exception {
        Path log = log("sleeper");
        String state = dir.resolve("sleeper.state").toString();
        try (GatedMcpClient gate = GateServers.gate(GateServers.rugpull("sleeper", log, state),
                new PinnedManifestVerifier(baseline, Policy.REJECT_SERVER))) {
            assertInstanceOf(Decision.AcceptAll.class, gate.verdict().decision());
            gate.callTool("add", TWO_PLUS_THREE);
            gate.restart();
            assertInstanceOf(Decision.RejectServer.class, gate.verdict().decision());
            assertEquals(Set.of(new Fact("tool:add", Kind.CHANGED, Set.of("/description"), "")),
                    facts(gate.verdict().reasons()));
            assertEquals(Refusal.SERVER_REJECTED, refused(gate, "add", TWO_PLUS_THREE).refusal());
        }
        assertEquals(List.of("add"), GateServers.calls(log));
    }

    @Test
    void promptsAndResourcesAreGatedToo() throws Exception {
        try (GatedMcpClient gate = gate("baseline", log("prompts-ok"), Policy.REJECT_SERVER)) {
            assertTrue(gate.getPrompt("summarise", Map.of("text", "hi")).messages().size() > 0);
            assertTrue(gate.readResource("memo://readme").contents().size() > 0);
            // an unlisted URI goes out only when an accepted template can produce it
            assertTrue(gate.readResource("weather://oslo").contents().size() > 0);
            assertEquals(Refusal.NOT_VERIFIED, assertThrows(GateRefusedException.class,
                    () -> gate.readResource("file:///etc/passwd")).refusal());
            assertEquals(Refusal.NOT_VERIFIED, assertThrows(GateRefusedException.class,
                    () -> gate.readResource("weather://oslo/../../etc/passwd")).refusal());
        }
        try (GatedMcpClient gate = gate("resource-changed", log("resources-q"), Policy.QUARANTINE_CHANGED)) {
            assertEquals(Refusal.NOT_VERIFIED, assertThrows(GateRefusedException.class,
                    () -> gate.readResource("file:///etc/passwd")).refusal());
            assertTrue(gate.getPrompt("summarise", Map.of("text", "hi")).messages().size() > 0);
        }
        try (GatedMcpClient gate = gate("prompt-changed", log("prompts-q"), Policy.QUARANTINE_CHANGED)) {
            GateRefusedException e = assertThrows(GateRefusedException.class,
                    () -> gate.getPrompt("summarise", Map.of("text", "hi")));
            assertEquals(Set.of(new Fact("prompt:summarise", Kind.CHANGED, Set.of("/description"), "")),
                    facts(e.reasons()));
            assertEquals(List.of("add", "get_weather"), names(gate.listTools()));
        }
    }
}
