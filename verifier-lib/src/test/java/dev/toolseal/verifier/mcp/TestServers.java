package dev.toolseal.verifier.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Locates the real MCP test servers that the build installs with {@code npm ci} under
 * {@code src/test/mcp-servers/node_modules}, and our own {@code rugpull-server.mjs} beside it.
 */
final class TestServers {
    static final RecordingLimits LIMITS = RecordingLimits.DEFAULT;
    static final McpSchema.ClientCapabilities CAPABILITIES =
            McpSchema.ClientCapabilities.builder().roots(false).build();

    private TestServers() {
    }

    /** Records one snapshot of {@code endpoint} with the test limits and capabilities. */
    static RawSnapshot record(McpEndpoint endpoint) throws McpRecordingException {
        return new McpRecorder(LIMITS).record(endpoint, CAPABILITIES);
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

    static McpEndpoint.Stdio everything() {
        return node(packageEntry("server-everything"), List.of("stdio"), Map.of());
    }

    static McpEndpoint.Stdio memory(Path memoryFile) {
        return node(packageEntry("server-memory"), List.of(),
                Map.of("MEMORY_FILE_PATH", memoryFile.toString()));
    }

    static McpEndpoint.Stdio filesystem(Path allowedDir) {
        return node(packageEntry("server-filesystem"), List.of(allowedDir.toString()), Map.of());
    }

    /** Our rug-pull server in one variant; {@code extra} are further arguments (a state file). */
    static McpEndpoint.Stdio rugpull(String variant, String... extra) {
        List<String> args = new ArrayList<>();
        args.add(variant);
        args.addAll(List.of(extra));
        return node(root().resolve("rugpull-server.mjs"), args, Map.of());
    }

    static Path packageEntry(String name) {
        Path entry = root().resolve("node_modules/@modelcontextprotocol").resolve(name)
                .resolve("dist/index.js");
        if (!Files.isRegularFile(entry)) {
            throw new IllegalStateException("missing " + entry);
        }
        return entry;
    }

    private static McpEndpoint.Stdio node(Path script, List<String> args, Map<String, String> env) {
        List<String> all = new ArrayList<>();
        all.add(script.toString());
        all.addAll(args);
        return new McpEndpoint.Stdio("node", all, env);
    }
}
