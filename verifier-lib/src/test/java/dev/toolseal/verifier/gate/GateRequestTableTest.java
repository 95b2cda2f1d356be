package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolseal.verifier.gate.PinnedManifestVerifier.Policy;
import dev.toolseal.verifier.manifest.ToolManifest;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shared request table ({@code src/test/mcp-servers/request-table.json}) sent through
 * {@link GatedMcpClient}; publisher-cli's {@code GuardRequestTableTest} sends the same table as
 * raw JSON-RPC through {@code toolseal guard}. Both front ends run the one gate engine, so each
 * row must come out the same. Rows for methods the Java client cannot send are skipped here.
 */
class GateRequestTableTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void everyRowOfTheTableGetsItsOutcome() throws Exception {
        JsonNode table = JSON.readTree(GateServers.root().resolve("request-table.json").toFile());
        ToolManifest baseline = GateServers.pin(GateServers.rugpull("baseline", dir.resolve("pin")),
                GateServers.RUGPULL);
        for (JsonNode scenario : table.path("scenarios")) {
            String name = scenario.path("name").asText();
            Path calls = dir.resolve(name + ".calls");
            Policy policy = scenario.path("policy").asText().equals("reject-server")
                    ? Policy.REJECT_SERVER : Policy.QUARANTINE_CHANGED;
            try (GatedMcpClient gate = GateServers.gate(GateServers.rugpull(scenario.path("variant").asText(), calls),
                    new PinnedManifestVerifier(baseline, policy))) {
                for (JsonNode row : scenario.path("requests")) {
                    if (row.path("javaClient").asBoolean(true)) {
                        assertEquals(row.path("expect").asText(), outcome(gate, row), name + " " + row);
                    }
                }
            }
            List<String> expected = new ArrayList<>();
            scenario.path("calls").forEach(c -> expected.add(c.asText()));
            assertEquals(expected, GateServers.calls(calls), name);
        }
    }

    /** Sends one row through the gate's API (lists other than tools through its SDK client). */
    private static String outcome(GatedMcpClient gate, JsonNode row) {
        JsonNode params = row.path("params");
        String method = row.path("method").asText();
        McpSyncClient sdk = gate.sdkClient();
        try {
            switch (method) {
                case "tools/list" -> {
                    return list(gate.listTools().stream().map(McpSchema.Tool::name).toList());
                }
                case "tools/call" -> gate.callTool(params.path("name").asText(), arguments(params));
                case "prompts/get" -> gate.getPrompt(params.path("name").asText(), arguments(params));
                case "resources/read" -> gate.readResource(params.path("uri").asText());
                case "prompts/list" -> {
                    return list(sdk.listPrompts().prompts().stream().map(McpSchema.Prompt::name).toList());
                }
                case "resources/list" -> {
                    return list(sdk.listResources().resources().stream().map(McpSchema.Resource::uri).toList());
                }
                case "ping" -> sdk.ping();
                default -> throw new AssertionError("no way to send " + method + " through the Java client");
            }
            return "result";
        } catch (GateRefusedException e) {
            return "refused:" + e.refusal().name();
        } catch (RuntimeException e) {
            return GatedMcpClient.engineRefusal(e).map(r -> "refused:" + r).orElse("error");
        }
    }

    private static String list(List<String> names) {
        return "list:" + names.stream().collect(Collectors.joining(","));
    }

    private static Map<String, Object> arguments(JsonNode params) {
        return JSON.convertValue(params.path("arguments"), JSON.getTypeFactory()
                .constructMapType(Map.class, String.class, Object.class));
    }
}
