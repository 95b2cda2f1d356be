package dev.toolseal.verifier.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The reference "everything" server over streamable HTTP: the capture layer records the same
 * raw definitions as over stdio.
 */
class StreamableHttpTest {
    private static Process server;
    private static int port;

    @BeforeAll
    static void startServer() throws IOException, InterruptedException {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ProcessBuilder builder = new ProcessBuilder("node",
                TestServers.packageEntry("server-everything").toString(), "streamableHttp")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("PORT", Integer.toString(port));
        server = builder.start();
        for (int i = 0; i < 200 && !accepting(); i++) {
            assertTrue(server.isAlive(), "the HTTP server exited");
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopServer() throws InterruptedException {
        if (server != null) {
            server.destroy();
            server.waitFor();
        }
    }

    private static boolean accepting() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void httpAndStdioRecordTheSameDefinitions() throws McpRecordingException {
        RawSnapshot http = TestServers.record(
                new McpEndpoint.StreamableHttp(URI.create("http://127.0.0.1:" + port), "/mcp"));
        assertFalse(http.entries(ListKind.TOOLS).isEmpty());
        RawSnapshot stdio = TestServers.record(TestServers.everything());
        assertEquals(Set.of(), JsonDiff.between(stdio, http));
    }
}
