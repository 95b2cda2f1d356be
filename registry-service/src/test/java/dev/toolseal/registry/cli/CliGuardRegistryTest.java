package dev.toolseal.registry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolseal.cli.Main;
import dev.toolseal.registry.write.Signed;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toolseal guard --registry}: the guard, run in-process, fetches the release of
 * server-memory from this registry and relays a real MCP session to the real server; in front of
 * a rug-pulled copy it hides the changed tool, refuses a call to it, and writes why in its audit
 * log. The client is a scripted JSON-RPC session over the guard's stdin and stdout.
 */
@QuarkusTest
class CliGuardRegistryTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String VERSION = "2026.8.31";

    @TestHTTPResource("/")
    URL url;

    @TempDir
    Path dir;

    private String logKey;
    private String server;
    private String protocolVersion;

    private String registry() {
        return Cli.registry(url);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @BeforeEach
    void publishServerMemory() throws Exception {
        logKey = Cli.logKey();
        String namespace = Signed.freshNamespace();
        server = namespace + "/memory";
        Cli.run("keygen", "--out", file("publisher")).expect(0);
        Cli.run("bind", "--registry", registry(), "--key", file("publisher.key"), "--namespace", namespace)
                .expect(0);
        Cli.run("snapshot", "--name", server, "--version", VERSION, "--out", file("memory.json"), "--", "node",
                Cli.memoryServer()).expect(0);
        JsonNode manifest = JSON.readTree(Files.readString(Path.of(file("memory.json"))));
        protocolVersion = manifest.path("initialize").get("protocolVersion").asText();
        Cli.run("publish", "--registry", registry(), "--key", file("publisher.key"), "--manifest",
                file("memory.json"), "--log-key", logKey).expect(0);
    }

    @Test
    void relaysTheSignedServerAndRefusesItsRugPull() throws Exception {
        try (Session s = Session.start(guard("ok.jsonl", "node", Cli.memoryServer()))) {
            s.initialize(protocolVersion);
            // no pinned key, no required review: the guard said what it trusts at start
            String said = s.err.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains(logKey) && said.contains(server.substring(0, server.indexOf('/'))), said);
            List<String> tools = s.toolNames();
            assertTrue(tools.contains("create_entities"), tools.toString());
            JsonNode call = s.request("tools/call", JSON.createObjectNode().put("name", "read_graph")
                    .set("arguments", JSON.createObjectNode()));
            assertNotNull(call.get("result"), call.toString());
            assertFalse(call.get("result").path("isError").asBoolean(), call.toString());
        }

        try (Session s = Session.start(guard("rug.jsonl", "node", Cli.rugPullProxy(), "create_entities", "node",
                Cli.memoryServer()))) {
            s.initialize(protocolVersion);
            List<String> tools = s.toolNames();
            assertFalse(tools.contains("create_entities"), tools.toString());
            assertTrue(tools.contains("read_graph"), tools.toString());
            JsonNode refused = s.request("tools/call", JSON.createObjectNode().put("name", "create_entities")
                    .set("arguments", JSON.createObjectNode().set("entities", JSON.createArrayNode())));
            assertEquals(-32001, refused.path("error").path("code").asInt(), refused.toString());
        }
        String audit = Files.readString(Path.of(file("rug.jsonl")));
        assertTrue(audit.contains("create_entities"), audit);
    }

    @Test
    void anUnpublishedVersionStopsTheGuardBeforeItStartsTheServer() {
        Cli run = Cli.run("guard", "--registry", registry(), "--name", server, "--version", "9.9.9", "--log-key",
                logKey, "--", "node", Cli.memoryServer());
        assertEquals(3, run.exitCode(), run.err());
    }

    private String[] guard(String audit, String... command) {
        List<String> args = new ArrayList<>(List.of("guard", "--registry", registry(), "--name", server,
                "--version", VERSION, "--log-key", logKey, "--accept-unproven-namespaces", "--audit", file(audit),
                "--"));
        args.addAll(List.of(command));
        return args.toArray(String[]::new);
    }

    /** One scripted MCP client session over the in-process guard's stdin and stdout. */
    private static final class Session implements AutoCloseable {
        private final PipedOutputStream toGuard;
        private final LinkedBlockingQueue<String> lines;
        private final CompletableFuture<Integer> exit;
        private final ByteArrayOutputStream err;
        private int nextId = 1;

        private Session(PipedOutputStream toGuard, LinkedBlockingQueue<String> lines, CompletableFuture<Integer> exit,
                ByteArrayOutputStream err) {
            this.toGuard = toGuard;
            this.lines = lines;
            this.exit = exit;
            this.err = err;
        }

        static Session start(String[] args) throws IOException {
            PipedOutputStream toGuard = new PipedOutputStream();
            PipedInputStream in = new PipedInputStream(toGuard, 1 << 16);
            LinkedBlockingQueue<String> lines = new LinkedBlockingQueue<>();
            PrintStream out = new PrintStream(new LineSplitter(lines), true, StandardCharsets.UTF_8);
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> Main.run(Cli.freshEnvironment(), in, out, e, args));
            return new Session(toGuard, lines, exit, err);
        }

        void initialize(String protocolVersion) throws Exception {
            JsonNode init = request("initialize", JSON.createObjectNode().put("protocolVersion", protocolVersion)
                    .<com.fasterxml.jackson.databind.node.ObjectNode>set("capabilities", JSON.createObjectNode())
                    .set("clientInfo", JSON.createObjectNode().put("name", "scripted").put("version", "1")));
            assertNotNull(init.get("result"), () -> init + "\n" + err.toString(StandardCharsets.UTF_8));
            send(JSON.createObjectNode().put("jsonrpc", "2.0").put("method", "notifications/initialized"));
        }

        List<String> toolNames() throws Exception {
            JsonNode list = request("tools/list", JSON.createObjectNode());
            List<String> names = new ArrayList<>();
            list.path("result").path("tools").forEach(t -> names.add(t.path("name").asText()));
            return names;
        }

        JsonNode request(String method, JsonNode params) throws Exception {
            int id = nextId++;
            send(JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method)
                    .set("params", params));
            while (true) {
                String line = lines.poll(60, TimeUnit.SECONDS);
                if (line == null) {
                    throw new AssertionError("no answer to " + method + "; guard stderr:\n"
                            + err.toString(StandardCharsets.UTF_8));
                }
                JsonNode msg = JSON.readTree(line);
                if (msg.path("id").asInt(-1) == id && !msg.has("method")) {
                    return msg;
                }
            }
        }

        private void send(JsonNode msg) throws IOException {
            toGuard.write((JSON.writeValueAsString(msg) + "\n").getBytes(StandardCharsets.UTF_8));
            toGuard.flush();
        }

        @Override
        public void close() throws IOException, ExecutionException, TimeoutException {
            toGuard.close();
            int code;
            try {
                code = exit.get(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while the guard shut down", e);
            }
            assertEquals(0, code, () -> "guard stderr:\n" + err.toString(StandardCharsets.UTF_8));
        }
    }

    /** Collects what the guard writes to stdout as lines. */
    private static final class LineSplitter extends OutputStream {
        private final LinkedBlockingQueue<String> lines;
        private final ByteArrayOutputStream current = new ByteArrayOutputStream();

        LineSplitter(LinkedBlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(current.toString(StandardCharsets.UTF_8));
                current.reset();
            } else {
                current.write(b);
            }
        }
    }
}
