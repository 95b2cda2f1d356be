package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.verifier.gate.PinnedManifestVerifier.Policy;
import dev.toolseal.verifier.manifest.ToolManifest;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rug-pull server with a parameter schema fetched from elsewhere, pinned as it is: the gate
 * still hides the tool, and nothing of the reference reaches the client.
 */
class SchemaRefGateServerTest {
    @TempDir
    Path dir;

    @Test
    void aPinnedToolWithAnExternalRefIsHiddenAndNeverCalled() throws Exception {
        ToolManifest pinned = GateServers.pin(
                GateServers.rugpull("schema-ref-external", dir.resolve("pin.log")), GateServers.RUGPULL);
        Path calls = dir.resolve("calls.log");
        ManifestVerifier verifier = new PinnedManifestVerifier(pinned, Policy.QUARANTINE_CHANGED);
        try (GatedMcpClient gate = GateServers.gate(
                GateServers.rugpull("schema-ref-external", calls), verifier)) {
            Verdict verdict = gate.verdict();
            assertFalse(verdict.callable("add"));
            assertTrue(verdict.callable("get_weather"));
            GateReason reason = verdict.reasonsAbout("add").stream()
                    .filter(r -> r.kind() == GateReason.Kind.SCHEMA_REF_LEAVES).findFirst().orElseThrow();
            assertEquals(List.of("/inputSchema/properties/a/$ref"), reason.pointers());
            List<McpSchema.Tool> tools = gate.listTools();
            assertEquals(List.of("get_weather"), tools.stream().map(McpSchema.Tool::name).toList());
            assertFalse(tools.toString().contains("attacker.example"));
            assertThrows(GateRefusedException.class, () -> gate.callTool("add", Map.of("a", 2, "b", 3)));
        }
        assertEquals(List.of(), GateServers.calls(calls));
    }

    @Test
    void aLocalRefIsAcceptedWhole() throws Exception {
        ToolManifest pinned = GateServers.pin(
                GateServers.rugpull("schema-ref-local", dir.resolve("pin.log")), GateServers.RUGPULL);
        try (GatedMcpClient gate = GateServers.gate(
                GateServers.rugpull("schema-ref-local", dir.resolve("calls.log")),
                new PinnedManifestVerifier(pinned, Policy.REJECT_SERVER))) {
            Verdict verdict = gate.verdict();
            assertEquals(Optional.empty(), verdict.reasons().stream().findFirst());
            assertTrue(verdict.callable("add"));
        }
    }
}
