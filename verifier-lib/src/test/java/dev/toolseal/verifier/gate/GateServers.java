package dev.toolseal.verifier.gate;

import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.mcp.McpEndpoint;
import dev.toolseal.verifier.mcp.RecordingLimits;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The npm test servers (installed by the build's {@code npm ci}), located the same way as the
 * capture tests' {@code TestServers} do, plus what the gate tests share: the release name, the
 * pinned baseline and the call log that shows which calls reached the rug-pull server.
 */
final class GateServers {
    static final RecordingLimits LIMITS = RecordingLimits.DEFAULT;
    static final McpSchema.ClientCapabilities CAPABILITIES =
            McpSchema.ClientCapabilities.builder().roots(false).build();
    static final ServerRef RUGPULL = new ServerRef("io.github.toolseal/rugpull-test", "1.0.0");

    private GateServers() {
    }

    static Path root() {
        Path root = Path.of(System.getProperty("toolseal.test.mcpServers", "src/test/mcp-servers"))
                .toAbsolutePath();
        if (!Files.isDirectory(root.resolve("node_modules/@modelcontextprotocol/sdk"))) {
            throw new IllegalStateException("npm test servers are not installed under " + root
                    + "; the Maven build runs npm ci in generate-test-resources");
        }
        return root;
    }

    /** The rug-pull server in one variant, logging every tools/call to {@code callLog}. */
    static McpEndpoint.Stdio rugpull(String variant, Path callLog, String... extra) {
        List<String> args = new ArrayList<>();
        args.add(root().resolve("rugpull-server.mjs").toString());
        args.add(variant);
        args.addAll(List.of(extra));
        return new McpEndpoint.Stdio("node", args, Map.of("RUGPULL_CALL_LOG", callLog.toString()));
    }

    static McpEndpoint.Stdio memory(Path memoryFile) {
        Path entry = root().resolve("node_modules/@modelcontextprotocol/server-memory/dist/index.js");
        return new McpEndpoint.Stdio("node", List.of(entry.toString()),
                Map.of("MEMORY_FILE_PATH", memoryFile.toString()));
    }

    /** The manifest of {@code endpoint} as it is now, to pin. */
    static ToolManifest pin(McpEndpoint endpoint, ServerRef server) throws Exception {
        return LiveManifests.record(endpoint, server, CAPABILITIES, LIMITS);
    }

    static GatedMcpClient gate(McpEndpoint endpoint, ManifestVerifier verifier) {
        return GatedMcpClient.connect(endpoint, RUGPULL, verifier, CAPABILITIES, LIMITS);
    }

    /** The tool names the server saw called, in order; empty if none. */
    static List<String> calls(Path callLog) throws IOException {
        return Files.exists(callLog) ? Files.readAllLines(callLog) : List.of();
    }
}
