package dev.toolseal.verifier.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@link SendGuard} decides at send time: a refused request never reaches the server (its
 * call log stays empty) and the SDK caller gets the guard's own exception; an allowed one goes
 * out with the params the guard saw.
 */
class SendGuardTest {
    @TempDir
    Path dir;

    /** The guard's own refusal, to find again in what the SDK throws. */
    static final class Vetoed extends Exception {
        private static final long serialVersionUID = 1L;

        Vetoed(String method) {
            super(method);
        }
    }

    private RawSession open(Path callLog) throws McpRecordingException {
        McpEndpoint.Stdio server = new McpEndpoint.Stdio("node",
                List.of(TestServers.root().resolve("rugpull-server.mjs").toString(), "baseline"),
                Map.of("RUGPULL_CALL_LOG", callLog.toString()));
        return RawSession.open(server, TestServers.CAPABILITIES, TestServers.LIMITS);
    }

    private static McpSchema.CallToolRequest add() {
        return McpSchema.CallToolRequest.builder("add").arguments(Map.of("a", 2, "b", 3)).build();
    }

    @Test
    void aRefusedRequestIsNotSentAndFailsWithTheGuardsException() throws Exception {
        Path calls = dir.resolve("calls");
        List<String> seen = new CopyOnWriteArrayList<>();
        try (RawSession session = open(calls)) {
            session.transport().setSendGuard((method, params, send) -> {
                seen.add(method + " " + params.path("name").asText());
                if (McpSchema.METHOD_TOOLS_CALL.equals(method)) {
                    throw new Vetoed(method);
                }
                send.run();
            });
            RuntimeException thrown = assertThrows(RuntimeException.class, () -> session.client().callTool(add()));
            assertSame(Vetoed.class, cause(thrown, Vetoed.class).getClass());
            assertEquals(2, session.client().listTools().tools().size()); // the session goes on
            session.transport().setSendGuard(SendGuard.OPEN);
            assertEquals(Map.of("sum", 5), session.client().callTool(add()).structuredContent());
        }
        assertEquals(List.of("tools/call add", "tools/list "), seen);
        assertEquals(List.of("add"), Files.readAllLines(calls));
    }

    @Test
    void aGuardThatNeitherSendsNorThrowsStopsTheRequest() throws Exception {
        Path calls = dir.resolve("calls");
        try (RawSession session = open(calls)) {
            session.transport().setSendGuard((method, params, send) -> {
                if (!McpSchema.METHOD_TOOLS_CALL.equals(method)) {
                    send.run();
                }
            });
            assertThrows(RuntimeException.class, () -> session.client().callTool(add()));
            JsonNode listed = session.snapshot().pages().get(ListKind.TOOLS).get(0);
            assertEquals(2, listed.path("tools").size());
        }
        assertEquals(false, Files.exists(calls));
    }

    private static Throwable cause(Throwable thrown, Class<? extends Throwable> type) {
        for (Throwable t = thrown; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return t;
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in " + thrown, thrown);
    }
}
