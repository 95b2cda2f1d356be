package dev.toolseal.registry.witness;

import static dev.toolseal.registry.write.Signed.post;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.cli.Main;
import dev.toolseal.registry.write.Signed;
import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.HashReader;
import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.NodeId;
import dev.toolseal.tlog.Rfc6962;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.checkpoint.WitnessQuorumException;
import dev.toolseal.tlog.note.CosignatureVerifier;
import dev.toolseal.tlog.note.Note;
import dev.toolseal.tlog.witness.WitnessCallException;
import dev.toolseal.tlog.witness.WitnessClient;
import dev.toolseal.tlog.witness.WitnessEndpoint;
import dev.toolseal.verifier.keys.KeyPairs;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The registry with two witnesses, each a separate process: its checkpoints come out cosigned by
 * both, a second tree under the log's key is refused by both, and when one witness is down
 * publishing goes on while a client that needs both refuses the checkpoint.
 */
@QuarkusTest
@TestProfile(WitnessedLogTest.TwoWitnesses.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WitnessedLogTest {

    /** The registry configured with {@link WitnessProcesses}. */
    public static class TwoWitnesses implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(WitnessProcesses.class));
        }
    }

    @TestHTTPResource("/")
    URL url;

    /** {@code toolseal monitor --once} against this registry with {@code more} options; exit code and stderr. */
    record Run(int code, String err) {
    }

    Run monitor(String... more) throws Exception {
        Path state = Files.createTempDirectory(
                Files.createDirectories(Path.of("target", "test-state").toAbsolutePath()), "witness");
        List<String> args = new ArrayList<>(List.of("monitor", "--registry", url.toString().replaceAll("/$", ""),
                "--log-key", WitnessProcesses.logKey.verifierKey(), "--watch", "io.github.nobody-watched", "--once"));
        args.addAll(List.of(more));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(Map.of("XDG_STATE_HOME", state.toString()), InputStream.nullInputStream(), o, e,
                    args.toArray(String[]::new));
        }
        return new Run(code, err.toString(StandardCharsets.UTF_8));
    }

    static String[] witnessArgs(int quorum, String... more) {
        List<String> args = new ArrayList<>();
        for (CosignatureVerifier w : witnessKeys()) {
            args.addAll(List.of("--witness", w.verifierKey()));
        }
        args.addAll(List.of("--witness-quorum", String.valueOf(quorum)));
        args.addAll(List.of(more));
        return args.toArray(String[]::new);
    }

    static List<CosignatureVerifier> witnessKeys() {
        return WitnessProcesses.WITNESSES.stream().map(WitnessProcesses.Witness::key).toList();
    }

    static void publish() {
        post("/v1/keys/bind", Signed.binding(KeyPairs.generate(), Signed.freshNamespace())).then().statusCode(201);
    }

    static byte[] checkpoint() {
        return given().get("/log/checkpoint").then().statusCode(200).extract().asByteArray();
    }

    /** The served checkpoint once at least {@code size} entries are in it and it opens with the quorum. */
    static SignedCheckpoint awaitCosigned(long size, List<CosignatureVerifier> witnesses, int quorum)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (true) {
            try {
                SignedCheckpoint cp = SignedCheckpoint.open(checkpoint(), WitnessProcesses.logKey.verifier(),
                        witnesses, quorum);
                if (cp.checkpoint().size() >= size) {
                    return cp;
                }
            } catch (WitnessQuorumException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no checkpoint of size " + size + " cosigned in time");
            }
            Thread.sleep(200);
        }
    }

    @Test
    @Order(1)
    void checkpointsAreCosignedByBothWitnessesAndPlainClientsStillOpenThem() throws Exception {
        publish();
        SignedCheckpoint cp = awaitCosigned(1, witnessKeys(), 2);
        assertEquals(2, cp.cosigners().size());
        // a client that knows no witness ignores their lines
        SignedCheckpoint.open(cp.signedNote(), WitnessProcesses.logKey.verifier());

        Run both = monitor(witnessArgs(2));
        assertEquals(0, both.code(), both.err());
        Run plain = monitor();
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.err().contains("age"), plain.err());
        // cosignatures are refreshed every 10 minutes: two seconds on, a 1-second limit is not met
        Thread.sleep(2_000);
        Run old = monitor(witnessArgs(2, "--max-checkpoint-age", "1s"));
        assertEquals(3, old.code(), old.err());
        assertEquals(0, monitor(witnessArgs(2, "--max-checkpoint-age", "10m")).code());
    }

    @Test
    @Order(2)
    void aSecondTreeUnderTheLogKeyIsRefusedByEveryWitness() throws Exception {
        publish();
        long size = awaitCosigned(1, witnessKeys(), 2).checkpoint().size();
        Fork fork = new Fork(size + 5);
        for (WitnessProcesses.Witness w : WitnessProcesses.WITNESSES) {
            WitnessClient client = new WitnessClient(new WitnessEndpoint(URI.create(w.url()), w.key()),
                    WitnessProcesses.logKey.verifier(), HttpClient.newHttpClient(), Duration.ofSeconds(10));
            WitnessCallException same = assertThrows(WitnessCallException.class,
                    () -> client.cosign(fork.signed(size), fork::proof));
            assertEquals(409, same.status());
            WitnessCallException larger = assertThrows(WitnessCallException.class,
                    () -> client.cosign(fork.signed(size + 5), fork::proof));
            assertEquals(422, larger.status());
        }
        // and the registry's own tree is still cosigned by both
        publish();
        awaitCosigned(size + 1, witnessKeys(), 2);
    }

    @Test
    @Order(3)
    void withAWitnessDownPublishingGoesOnButAQuorumOfTwoIsNotMet() throws Exception {
        long before = awaitCosigned(1, witnessKeys(), 2).checkpoint().size();
        WitnessProcesses.Witness down = WitnessProcesses.WITNESSES.get(1);
        down.process().destroy();
        down.process().waitFor(10, TimeUnit.SECONDS);
        publish();
        SignedCheckpoint one = awaitCosigned(before + 1, List.of(witnessKeys().get(0)), 1);
        WitnessQuorumException e = assertThrows(WitnessQuorumException.class,
                () -> SignedCheckpoint.open(one.signedNote(), WitnessProcesses.logKey.verifier(), witnessKeys(), 2));
        assertEquals(List.of(witnessKeys().get(0).name()), e.cosigners());

        Run two = monitor(witnessArgs(2));
        assertEquals(3, two.code(), two.err());
        assertTrue(two.err().contains(witnessKeys().get(1).name()), two.err());
        Run quorumOfOne = monitor(witnessArgs(1));
        assertEquals(0, quorumOfOne.code(), quorumOfOne.err());
    }

    /** Another tree under the log's key: the same key, different leaves. */
    static final class Fork {
        final List<Hash> leaves = new ArrayList<>();

        Fork(long size) {
            for (long i = 0; i < size; i++) {
                leaves.add(Rfc6962.leafHash(("forged " + i).getBytes(StandardCharsets.UTF_8)));
            }
        }

        byte[] signed(long size) throws Exception {
            Hash root = MerkleTree.treeHash(size, reader());
            return Note.sign(new Checkpoint(WitnessProcesses.ORIGIN, size, root).format(), WitnessProcesses.logKey);
        }

        List<Hash> proof(long from, long to) throws java.io.IOException {
            return MerkleTree.proveConsistency(from, to, reader());
        }

        HashReader reader() {
            return ids -> {
                List<Hash> out = new ArrayList<>();
                for (NodeId id : ids) {
                    out.add(subtree(id.index() << id.level(), 1L << id.level()));
                }
                return out;
            };
        }

        Hash subtree(long lo, long n) {
            return n == 1 ? leaves.get((int) lo) : Rfc6962.nodeHash(subtree(lo, n / 2), subtree(lo + n / 2, n / 2));
        }
    }
}
