package dev.toolseal.registry.write;

import static dev.toolseal.registry.write.Signed.post;
import static dev.toolseal.registry.write.WriteApiTest.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toolseal.registry.log.LogEngine;
import dev.toolseal.registry.problem.ProblemType;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Racing writes: of several releases posted at once for one (server, version), exactly one is
 * published and logged; identical ones are answered with it, different ones are refused; two
 * keys racing for one namespace leave exactly one bound.
 */
@QuarkusTest
class ConcurrentWritesTest {

    private static final int RACERS = 6;

    @Inject
    DataSource dataSource;

    @Inject
    LogEngine engine;

    private static List<Integer> race(List<Envelope> envelopes, String path) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(envelopes.size());
        List<CompletableFuture<Integer>> statuses = new ArrayList<>();
        for (Envelope e : envelopes) {
            statuses.add(CompletableFuture.supplyAsync(() -> {
                try {
                    start.await();
                } catch (InterruptedException ex) {
                    Thread.currentThread().interrupt();
                }
                return post(path, e).statusCode();
            }, threads));
        }
        start.countDown();
        List<Integer> out = new ArrayList<>();
        for (CompletableFuture<Integer> s : statuses) {
            out.add(s.get());
        }
        threads.shutdown();
        Collections.sort(out);
        return out;
    }

    @Test
    void oneVersionIsPublishedOnceUnderRacingPosts() throws Exception {
        SigningKey publisher = KeyPairs.generate();
        String namespace = Signed.freshNamespace();
        String server = namespace + "/weather";
        post("/v1/keys/bind", Signed.binding(publisher, namespace)).then().statusCode(201);
        RegistrySnapshot before = RegistrySnapshot.take(dataSource, engine);
        List<Envelope> racers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            racers.add(Signed.release(publisher, server, "1.0.0", "variant " + i));
        }
        List<Integer> statuses = race(racers, "/v1/releases");
        assertEquals(1, Collections.frequency(statuses, 201), statuses.toString());
        assertEquals(RACERS - 1, Collections.frequency(statuses, 409), statuses.toString());
        assertEquals(before.plus("entries", 1).plus("releases", 1).plus("server_latest", 1).plus("log", 1)
                .plus("version_conflicts", RACERS - 1), RegistrySnapshot.take(dataSource, engine));
    }

    @Test
    void racingBindingsLeaveOneOwner() throws Exception {
        String namespace = Signed.freshNamespace();
        RegistrySnapshot before = RegistrySnapshot.take(dataSource, engine);
        List<Envelope> racers = new ArrayList<>();
        for (int i = 0; i < RACERS; i++) {
            racers.add(Signed.binding(KeyPairs.generate(), namespace));
        }
        List<Integer> statuses = race(racers, "/v1/keys/bind");
        assertEquals(1, Collections.frequency(statuses, 201), statuses.toString());
        assertEquals(RACERS - 1, Collections.frequency(statuses, 409), statuses.toString());
        assertEquals(before.plus("entries", 1).plus("namespace_keys", 1).plus("log", 1),
                RegistrySnapshot.take(dataSource, engine));
    }

    @Test
    void aRotationSignedOnlyByTheNewKeyIsRefused() throws Exception {
        SigningKey publisher = KeyPairs.generate();
        SigningKey next = KeyPairs.generate();
        String namespace = Signed.freshNamespace();
        post("/v1/keys/bind", Signed.binding(publisher, namespace)).then().statusCode(201);
        Envelope onlyNew = Signed.sign(new dev.toolseal.verifier.attest.KeyRotation(namespace, publisher.keyId(),
                next.verificationKey()).toStatement(), next);
        RegistrySnapshot before = RegistrySnapshot.take(dataSource, engine);
        assertProblem(post("/v1/keys/rotate", onlyNew), 403, ProblemType.BAD_SIGNATURE);
        assertEquals(before, RegistrySnapshot.take(dataSource, engine));
    }
}
