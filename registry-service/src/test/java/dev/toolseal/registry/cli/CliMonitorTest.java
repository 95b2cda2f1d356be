package dev.toolseal.registry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.registry.log.LogSigningKey;
import dev.toolseal.registry.write.Signed;
import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.CheckpointSigner;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.PemKeys;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.log.FileCheckpointStore;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toolseal monitor} against the real registry: the publisher's own binding and release are
 * no alert; a rotation to a key the publisher did not list is an alert (exit 3), reported once; a
 * fork between the stored checkpoint and the registry's is an alert.
 */
@QuarkusTest
class CliMonitorTest {

    @TestHTTPResource("/")
    URL url;

    @Inject
    LogSigningKey logSigningKey;

    @TempDir
    Path dir;

    private String registry() {
        return Cli.registry(url);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    private Cli monitor(String logKey, String namespace, String... more) {
        List<String> args = new ArrayList<>(List.of("monitor", "--registry", registry(), "--log-key", logKey,
                "--watch", namespace, "--expect-key", file("publisher.pub"), "--checkpoints", file("checkpoints"),
                "--once", "--output", "json"));
        args.addAll(List.of(more));
        return Cli.run(args.toArray(String[]::new));
    }

    /**
     * Without --checkpoints the monitor remembers where it stopped in the user's state directory
     * (its own, not verify's), so the next run goes on from there; a new state directory starts
     * from the beginning, as does --checkpoints-in-memory, which says so.
     */
    @Test
    void theMonitorGoesOnWhereItStoppedInTheStateDirectory() {
        String logKey = Cli.logKey();
        String namespace = Signed.freshNamespace();
        Cli.run("keygen", "--out", file("publisher")).expect(0);
        Cli.run("bind", "--registry", registry(), "--key", file("publisher.key"), "--namespace", namespace,
                "--wait", "0").expect(0);
        String[] args = {"monitor", "--registry", registry(), "--log-key", logKey, "--watch", namespace,
                "--expect-key", file("publisher.pub"), "--once", "--output", "json"};
        Map<String, String> env = Cli.freshEnvironment();
        Cli first = Cli.run(env, args).expect(0);
        assertEquals(0, first.json().get("fromSize").asLong());
        long read = first.json().get("toSize").asLong();
        assertTrue(read > 0);
        assertTrue(first.err().contains(env.get("XDG_STATE_HOME")), first.err());
        assertEquals(read, Cli.run(env, args).expect(0).json().get("fromSize").asLong());
        assertEquals(0, Cli.run(args).expect(0).json().get("fromSize").asLong());

        List<String> inMemory = new ArrayList<>(List.of(args));
        inMemory.add("--checkpoints-in-memory");
        Cli memory = Cli.run(env, inMemory.toArray(String[]::new)).expect(0);
        assertEquals(0, memory.json().get("fromSize").asLong());
        assertTrue(memory.err().contains("--checkpoints-in-memory"), memory.err());
    }

    @Test
    void ownEntriesPassAnUnexpectedKeyAndAForkAlert() throws Exception {
        String logKey = Cli.logKey();
        String namespace = Signed.freshNamespace();
        Cli.run("keygen", "--out", file("publisher")).expect(0);
        Cli.run("bind", "--registry", registry(), "--key", file("publisher.key"), "--namespace", namespace,
                "--wait", "0").expect(0);
        SigningKey publisher = PemKeys.readPrivateKey(dir.resolve("publisher.key"));
        Files.write(dir.resolve("release.json"), Signed.release(publisher, namespace + "/weather", "1.0.0",
                "Forecasts.").toJson());
        Cli.run("publish", "--registry", registry(), "--envelope", file("release.json")).expect(0);

        JsonNode clean = monitor(logKey, namespace).expect(0).json();
        assertEquals(0, clean.get("alerts").asInt());
        List<String> kinds = new ArrayList<>();
        clean.get("entries").forEach(e -> kinds.add(e.get("kind").asText()));
        assertEquals(List.of("key-binding", "release"), kinds);

        // the publisher's key (stolen, say) rotates the namespace to a key the publisher never listed
        SigningKey attacker = KeyPairs.generate();
        Files.write(dir.resolve("rotation.json"), Signed.rotation(publisher, attacker, namespace).toJson());
        Cli.run("publish", "--registry", registry(), "--envelope", file("rotation.json")).expect(0);
        JsonNode alert = monitor(logKey, namespace).expect(3).json();
        assertEquals(1, alert.get("alerts").asInt());
        JsonNode entry = alert.get("entries").get(0);
        assertEquals("key-rotation", entry.get("kind").asText());
        assertEquals(attacker.keyId().hex(), entry.get("digest").asText());
        assertTrue(entry.hasNonNull("alert"));
        // reported once: the next pass starts after it
        assertEquals(0, monitor(logKey, namespace).expect(0).json().get("alerts").asInt());

        // a checkpoint of another tree, signed by the log key, in the store: the log forked
        String origin = logSigningKey.signer().name();
        FileCheckpointStore store = new FileCheckpointStore(dir.resolve("checkpoints"));
        Optional<byte[]> seen = store.load(origin);
        String note = new String(seen.orElseThrow(), StandardCharsets.UTF_8);
        long size = Checkpoint.parse(note.substring(0, note.indexOf("\n\n") + 1)).size();
        byte[] root = new byte[Hash.SIZE];
        new SecureRandom().nextBytes(root);
        assertTrue(store.compareAndSet(origin, seen,
                new CheckpointSigner(logSigningKey.signer()).sign(new Checkpoint(origin, size, Hash.of(root)))));
        monitor(logKey, namespace).expect(3);
    }
}
