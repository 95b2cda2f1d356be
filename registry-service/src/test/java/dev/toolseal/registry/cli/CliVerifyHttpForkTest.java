package dev.toolseal.registry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.registry.log.LogSigningKey;
import dev.toolseal.registry.write.Signed;
import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.CheckpointSigner;
import dev.toolseal.verifier.log.FileCheckpointStore;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toolseal verify --registry --url} against the reference "everything" server over
 * streamable HTTP, with a persisted checkpoint store ({@code --checkpoints}): accepted, and the
 * store then holds the log's checkpoint; when the store holds a checkpoint of another tree signed
 * by the same log key (what a forked log would have shown earlier), the next verify refuses.
 */
@QuarkusTest
class CliVerifyHttpForkTest {
    private static Process everything;
    private static int port;

    @TestHTTPResource("/")
    URL url;

    @Inject
    LogSigningKey logSigningKey;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEverything() throws Exception {
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        ProcessBuilder b = new ProcessBuilder("node", Cli.everythingServer(), "streamableHttp")
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
        b.environment().put("PORT", Integer.toString(port));
        everything = b.start();
        for (int i = 0; i < 300 && !accepting(); i++) {
            assertTrue(everything.isAlive(), "the everything server exited");
            Thread.sleep(100);
        }
    }

    @AfterAll
    static void stopEverything() throws InterruptedException {
        if (everything != null) {
            everything.destroy();
            everything.waitFor();
        }
    }

    private static boolean accepting() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String registry() {
        return Cli.registry(url);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void verifiesOverHttpAndDetectsALaterFork() throws Exception {
        String logKey = Cli.logKey();
        String namespace = Signed.freshNamespace();
        String server = namespace + "/everything";
        String mcp = "http://127.0.0.1:" + port + "/mcp";
        Cli.run("keygen", "--out", file("publisher")).expect(0);
        Cli.run("bind", "--registry", registry(), "--key", file("publisher.key"), "--namespace", namespace)
                .expect(0);
        Cli.run("snapshot", "--name", server, "--version", "1.0.0", "--out", file("everything.json"), "--url", mcp)
                .expect(0);
        Cli.run("publish", "--registry", registry(), "--key", file("publisher.key"), "--manifest",
                file("everything.json")).expect(0);

        List<String> verify = List.of("verify", "--registry", registry(), "--name", server, "--version", "1.0.0",
                "--log-key", logKey, "--accept-unproven-namespaces", "--url", mcp, "--output", "json",
                "--checkpoints");
        assertEquals("ACCEPTED", run(verify, file("checkpoints")).expect(0).json().get("status").asText());
        String origin = logSigningKey.signer().name();
        FileCheckpointStore store = new FileCheckpointStore(dir.resolve("checkpoints"));
        Optional<byte[]> seen = store.load(origin);
        assertTrue(seen.isPresent(), "verify --checkpoints stored nothing");

        // a checkpoint of another tree, validly signed by the log key: the log showed us a fork
        String note = new String(seen.get(), StandardCharsets.UTF_8);
        long size = Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1)).size();
        byte[] root = new byte[Hash.SIZE];
        new SecureRandom().nextBytes(root);
        byte[] forked = new CheckpointSigner(logSigningKey.signer()).sign(new Checkpoint(origin, size, Hash.of(root)));
        assertTrue(store.compareAndSet(origin, seen, forked));
        assertEquals("REJECTED", run(verify, file("checkpoints")).expect(3).json().get("status").asText());

        // control: the same verification with a fresh store still accepts
        run(verify, file("fresh-checkpoints")).expect(0);
    }

    private static Cli run(List<String> args, String checkpoints) {
        List<String> all = new ArrayList<>(args);
        all.add(checkpoints);
        return Cli.run(all.toArray(String[]::new));
    }
}
