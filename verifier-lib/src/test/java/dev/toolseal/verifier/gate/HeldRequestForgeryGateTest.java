package dev.toolseal.verifier.gate;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonValue;
import dev.toolseal.verifier.gate.PinnedManifestVerifier.Policy;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.mcp.McpEndpoint;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The routing rule of docs/design/boundary.md through {@link GatedMcpClient}, where the Java SDK
 * would not hide a break of it: a server response reaches the client only if its id is a client
 * request the engine forwarded and that is unanswered. In the hostile corpus a forged answer never
 * meets a pending id (the SDK client drops answers to ids it has no pending request for, and the
 * gate waits for a verdict before it sends). Here one does: while a re-verification is held open
 * (a verifier that blocks), a request goes straight through the SDK client, so the SDK has it
 * pending while the engine holds it, not forwarded; the server ({@code held-forge-server.mjs})
 * then answers that request's id (the SDK's ids are a prefix and a counter) with text marked
 * {@code CANARY}, and confirms only once the engine has read it. After the verdict the caller must
 * get the real answer: the server's, for a call the engine then forwards, or the verified
 * snapshot's, for a list the engine answers itself. The server's event log shows that the forged
 * id was the held call's, and that the call reached the server only after the forgery.
 */
class HeldRequestForgeryGateTest {
    private static final String CANARY = "CANARY";
    private static final ServerRef SERVER = new ServerRef("io.github.toolseal/held-forge-test", "1.0.0");
    private static final long WAIT_SECONDS = 60;

    @TempDir
    Path dir;

    /**
     * A value that counts {@code written} down when the SDK client writes it into a request: the
     * SDK registers a request as pending before it writes it, so after that the request is pending.
     */
    static final class Written {
        private final CountDownLatch written;
        private final String text;

        Written(CountDownLatch written, String text) {
            this.written = written;
            this.text = text;
        }

        @JsonValue
        public String text() {
            written.countDown();
            return text;
        }
    }

    /** What the caller got, the id the server forged, and the server's event log. */
    private record Outcome<T>(T result, String forgedId, List<String> events) {
    }

    private static List<String> texts(McpSchema.CallToolResult result) {
        return result.content().stream()
                .map(c -> c instanceof McpSchema.TextContent text ? text.text() : c.toString()).toList();
    }

    private static McpEndpoint.Stdio server(Path events, Path socket) {
        List<String> args = new ArrayList<>(List.of(
                GateServers.root().resolve("held-forge-server.mjs").toString(), events.toString()));
        if (socket != null) {
            args.add(socket.toString());
        }
        return new McpEndpoint.Stdio("node", args, Map.of());
    }

    @Test
    void aForgedAnswerToACallTheEngineHoldsNeverReachesTheCaller() throws Exception {
        Outcome<McpSchema.CallToolResult> outcome = forgedWhileHeld((client, message) -> client.callTool(
                McpSchema.CallToolRequest.builder("echo").arguments(Map.of("message", message)).build()));
        McpSchema.CallToolResult result = outcome.result();
        assertFalse(result.toString().contains(CANARY), () -> "the caller was handed the forged answer: " + result);
        assertEquals(List.of("held"), texts(result), result::toString);
        assertFalse(Boolean.TRUE.equals(result.isError()), result::toString);
        List<String> events = outcome.events();
        assertEquals(3, events.size(), events::toString);
        assertTrue(events.get(0).startsWith("call add "), events::toString);
        assertEquals(List.of("forged " + outcome.forgedId(), "call echo " + outcome.forgedId()),
                events.subList(1, 3), "the forged id is the held call's, forwarded only after the forgery");
    }

    @Test
    void aForgedAnswerToAListRequestTheEngineHoldsNeverReachesTheCaller() throws Exception {
        Outcome<McpSchema.ListToolsResult> outcome = forgedWhileHeld(
                (client, note) -> client.listTools(null, Map.of("note", note)));
        McpSchema.ListToolsResult result = outcome.result();
        assertFalse(result.toString().contains(CANARY), () -> "the caller was handed the forged answer: " + result);
        assertEquals(List.of("echo", "add"), result.tools().stream().map(McpSchema.Tool::name).toList());
        // answered by the engine from the verified snapshot: the server saw no list request of the client
        assertEquals(2, outcome.events().size(), outcome.events()::toString);
        assertEquals("forged " + outcome.forgedId(), outcome.events().get(1));
    }

    /**
     * Connects with the baseline pinned, calls {@code add} (the server then announces a change),
     * holds the re-verification, sends {@code request} straight through the SDK client, has the
     * server forge its answer, then lets the verification finish and returns what the caller got.
     */
    private <T> Outcome<T> forgedWhileHeld(BiFunction<McpSyncClient, Written, T> request) throws Exception {
        ManifestVerifier pinned = new PinnedManifestVerifier(
                GateServers.pin(server(dir.resolve("pin.events"), null), SERVER), Policy.REJECT_SERVER);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch verifying = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ManifestVerifier held = live -> {
            if (runs.incrementAndGet() == 2) {
                verifying.countDown();
                release.await(WAIT_SECONDS, TimeUnit.SECONDS);
            }
            return pinned.verify(live);
        };
        Path events = dir.resolve("gate.events");
        Path socket = dir.resolve("forge.sock");
        T result;
        String forgedId;
        try (GatedMcpClient gate = GatedMcpClient.connect(server(events, socket), SERVER, held,
                GateServers.CAPABILITIES, GateServers.LIMITS)) {
            assertInstanceOf(Decision.AcceptAll.class, gate.verdict().decision());
            assertEquals(List.of("5"), texts(gate.callTool("add", Map.of("a", 2, "b", 3))));
            assertTrue(verifying.await(WAIT_SECONDS, TimeUnit.SECONDS), "no re-verification after list_changed");
            McpSyncClient client = gate.sdkClient();
            CountDownLatch written = new CountDownLatch(1);
            CompletableFuture<T> pending = CompletableFuture.supplyAsync(
                    () -> request.apply(client, new Written(written, "held")));
            assertTrue(written.await(WAIT_SECONDS, TimeUnit.SECONDS), "the SDK client did not send the request");
            forgedId = forge(socket);
            release.countDown();
            result = pending.get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertInstanceOf(Decision.AcceptAll.class, gate.verdict().decision(), "one forged answer rejected the server");
        } finally {
            release.countDown();
        }
        return new Outcome<>(result, forgedId, Files.readAllLines(events));
    }

    /**
     * Asks the server to forge the answer to the client's next request; returns the forged id once
     * the server saw the engine read the forgery (bounded: fails rather than hangs).
     */
    private static String forge(Path socket) throws Exception {
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            channel.write(ByteBuffer.wrap("forge\n".getBytes(UTF_8)));
            CompletableFuture<String> answer = CompletableFuture.supplyAsync(() -> readToEnd(channel));
            String line = answer.get(WAIT_SECONDS, TimeUnit.SECONDS).strip();
            assertTrue(line.startsWith("forged "), () -> "the server did not forge: " + line);
            return line.substring("forged ".length());
        }
    }

    private static String readToEnd(SocketChannel channel) {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        ByteBuffer buffer = ByteBuffer.allocate(256);
        try {
            while (channel.read(buffer) >= 0) {
                read.write(buffer.array(), 0, buffer.position());
                buffer.clear();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return read.toString(UTF_8);
    }
}
