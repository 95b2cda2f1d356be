package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.verifier.gate.PinnedManifestVerifier.Policy;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.mcp.McpEndpoint;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official reference memory server from npm, through the gate against its own pin. */
class ReferenceServerGateTest {
    private static final ServerRef MEMORY =
            new ServerRef("io.github.modelcontextprotocol/server-memory", "2026.8.31");

    @Test
    void memoryServerIsAcceptedAgainstItsPinAndRealCallsReturnResults(@TempDir Path dir) throws Exception {
        McpEndpoint endpoint = GateServers.memory(dir.resolve("memory.jsonl"));
        ToolManifest pinned = GateServers.pin(endpoint, MEMORY);
        try (GatedMcpClient gate = GatedMcpClient.connect(endpoint, MEMORY,
                new PinnedManifestVerifier(pinned, Policy.REJECT_SERVER), GateServers.CAPABILITIES,
                GateServers.LIMITS)) {
            assertInstanceOf(Decision.AcceptAll.class, gate.verdict().decision());
            List<String> tools = gate.listTools().stream().map(McpSchema.Tool::name).toList();
            assertTrue(tools.containsAll(List.of("create_entities", "read_graph")), tools.toString());
            McpSchema.CallToolResult created = gate.callTool("create_entities", Map.of("entities", List.of(
                    Map.of("name", "toolseal", "entityType", "project", "observations", List.of("gated")))));
            assertEquals(Boolean.FALSE, Boolean.TRUE.equals(created.isError()));
            McpSchema.CallToolResult graph = gate.callTool("read_graph", Map.of());
            String text = ((McpSchema.TextContent) graph.content().get(0)).text();
            assertTrue(text.contains("toolseal") && text.contains("gated"), text);
        }
    }

    @Test
    void memoryServerPinnedAsAnotherReleaseIsRejected(@TempDir Path dir) throws Exception {
        McpEndpoint endpoint = GateServers.memory(dir.resolve("memory.jsonl"));
        ToolManifest pinned = GateServers.pin(endpoint, MEMORY);
        ServerRef other = new ServerRef(MEMORY.name(), "2025.1.1");
        try (GatedMcpClient gate = GatedMcpClient.connect(endpoint, other,
                new PinnedManifestVerifier(pinned, Policy.QUARANTINE_CHANGED), GateServers.CAPABILITIES,
                GateServers.LIMITS)) {
            assertInstanceOf(Decision.RejectServer.class, gate.verdict().decision());
            assertEquals("release:server", gate.verdict().reasons().get(0).key().orElseThrow().toString());
        }
    }
}
