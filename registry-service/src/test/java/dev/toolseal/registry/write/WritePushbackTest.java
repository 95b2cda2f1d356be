package dev.toolseal.registry.write;

import static dev.toolseal.registry.write.Signed.post;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.registry.log.LogEngine;
import dev.toolseal.registry.problem.ProblemType;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Pushback: with a write queue of one, a write that finds it full is refused at once with 503,
 * {@code unavailable} and Retry-After, and stores nothing, while the writes ahead of it are
 * committed once the log can sequence again.
 */
@QuarkusTest
@TestProfile(WritePushbackTest.QueueOfOne.class)
class WritePushbackTest {

    /** One committer taking one write at a time, one queued write at most. */
    public static class QueueOfOne implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("toolseal.write.queue-capacity", "1", "toolseal.write.max-concurrent", "1",
                    "toolseal.write.max-batch", "1", "toolseal.write.sequence-timeout", "120s");
        }
    }

    @Inject
    DataSource dataSource;

    @Inject
    LogEngine engine;

    @Inject
    EntryCommitter committer;

    @Test
    void aFullQueueIsRefusedWith503AndNothingOfTheRefusedWriteIsStored() throws Exception {
        SigningKey key = KeyPairs.generate();
        String namespace = Signed.freshNamespace();
        String server = namespace + "/weather";
        post("/v1/keys/bind", Signed.binding(key, namespace)).then().statusCode(201);
        Envelope first = Signed.release(key, server, "1.0.0", "Forecasts.");
        Envelope second = Signed.release(key, server, "1.0.1", "Forecasts.");
        Envelope refused = Signed.release(key, server, "1.0.2", "Forecasts.");
        ExecutorService clients = Executors.newFixedThreadPool(2);
        RegistrySnapshot before;
        Future<Integer> firstStatus;
        Future<Integer> secondStatus;
        try (Connection blocker = dataSource.getConnection(); Statement st = blocker.createStatement()) {
            // hold the log's sequence counter: the committer's batch waits for it
            blocker.setAutoCommit(false);
            st.execute("SELECT next_index FROM tlog_sequence WHERE id = 1 FOR UPDATE");
            firstStatus = clients.submit(() -> post("/v1/releases", first).statusCode());
            await(() -> sequencerWaitsForLock() && committer.queued() == 0);
            secondStatus = clients.submit(() -> post("/v1/releases", second).statusCode());
            await(() -> committer.queued() == 1);
            before = RegistrySnapshot.take(dataSource, engine);

            Response response = post("/v1/releases", refused);
            response.then().statusCode(503).contentType("application/problem+json")
                    .body("type", equalTo(ProblemType.UNAVAILABLE.uri().toString()));
            assertNotNull(response.header("Retry-After"));
            // refused at once, not after a wait: the writes ahead of it are still pending
            assertFalse(secondStatus.isDone());
            assertEquals(1, committer.queued());
            assertEquals(before, RegistrySnapshot.take(dataSource, engine));
            blocker.rollback();
        } finally {
            clients.shutdown();
        }
        assertEquals(201, firstStatus.get(60, TimeUnit.SECONDS));
        assertEquals(201, secondStatus.get(60, TimeUnit.SECONDS));
        assertEquals(before.plus("entries", 2).plus("releases", 2).plus("server_latest", 1).plus("log", 2),
                RegistrySnapshot.take(dataSource, engine));
        assertEquals(0, entriesWithDigest(refused));
        assertEquals(1, entriesWithDigest(second));
    }

    private boolean sequencerWaitsForLock() {
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                        + "AND query LIKE 'UPDATE tlog_sequence%'")) {
            rs.next();
            return rs.getLong(1) == 1;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private long entriesWithDigest(Envelope envelope) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM entries WHERE envelope_digest = ?")) {
            ps.setBytes(1, envelope.envelopeDigest().bytes());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Polls {@code condition} until it holds; fails after a minute (a stuck committer). */
    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(1);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "condition not reached within a minute");
            Thread.sleep(20);
        }
    }
}
