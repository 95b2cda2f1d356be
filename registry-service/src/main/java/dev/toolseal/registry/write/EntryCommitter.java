package dev.toolseal.registry.write;

import dev.toolseal.registry.RegistryConfig;
import dev.toolseal.registry.log.LogEngine;
import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import dev.toolseal.registry.store.RegistryStore;
import dev.toolseal.registry.store.Transactions;
import dev.toolseal.tlog.engine.PushbackException;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.log.LogLeaf;
import dev.toolseal.verifier.log.LogLeafFormatException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Stores an accepted envelope and appends its log leaf, atomically from the registry's side.
 *
 * <p>One database transaction runs the caller's state checks and inserts, then appends the leaf
 * to the log and waits until the log has durably sequenced it, records the index and commits.
 * Any refusal (a problem thrown by the checks, pushback from the log, a timeout) rolls everything
 * back, so a refused write changes neither the tables nor the log. A unique-constraint race with
 * a concurrent write is retried once, when the checks see the winner and answer accordingly.
 *
 * <p>The one window left: if the registry's commit fails after the log sequenced the leaf (a
 * crash, a lost database), the log holds a leaf whose envelope the registry never stored. The
 * leaf names the envelope by digest only; nothing is lost that was acknowledged.
 *
 * <p>At most {@code toolseal.write.max-concurrent} writes hold a connection while waiting for the
 * log, so the log engine, which shares the connection pool, always finds one.
 */
@ApplicationScoped
public class EntryCommitter {

    /** A committed entry. */
    public record Committed(long entryId, long logIndex, LogLeaf leaf) {
    }

    /** State checks and inserts of one write; calls {@link Inserter#insert} exactly once. */
    public interface Work {
        long run(Connection connection, Inserter inserter) throws SQLException;
    }

    /** Inserts the submission's entries row, accepted on one key's signature. */
    public interface Inserter {
        /**
         * Inserts the entry; {@code replay} problem if its envelope or payload digest is stored.
         *
         * @return the new row's id
         */
        long insert(Connection connection, KeyId authority) throws SQLException;
    }

    private final Transactions transactions;
    private final LogEngine engine;
    private final Semaphore permits;
    private final Duration sequenceTimeout;

    @Inject
    public EntryCommitter(Transactions transactions, LogEngine engine, RegistryConfig config) {
        this.transactions = transactions;
        this.engine = engine;
        this.permits = new Semaphore(config.write().maxConcurrent(), true);
        this.sequenceTimeout = config.write().sequenceTimeout();
    }

    /** Runs {@code work} and appends the inserted entry's leaf, in one transaction; replays are refused first. */
    public Committed commit(Submission submission, Work work) {
        return commit(submission, true, work);
    }

    /**
     * As {@link #commit(Submission, Work)}; with {@code replayFirst} false the work's own checks run
     * before the replay check (which {@link Inserter#insert} still makes).
     */
    public Committed commit(Submission submission, boolean replayFirst, Work work) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemType.UNAVAILABLE, "The registry is shutting down.");
        }
        try {
            for (int attempt = 0;; attempt++) {
                try {
                    return transactions.write(c -> {
                        if (replayFirst) {
                            requireNew(c, submission);
                        }
                        LogLeaf[] inserted = new LogLeaf[1];
                        long id = work.run(c, (conn, authority) -> {
                            inserted[0] = leaf(submission, authority);
                            return insert(conn, submission, inserted[0]);
                        });
                        if (inserted[0] == null) {
                            throw new IllegalStateException("a write inserted no entry");
                        }
                        long index = append(inserted[0].format());
                        RegistryStore.setLogIndex(c, id, index);
                        return new Committed(id, index, inserted[0]);
                    });
                } catch (SQLException e) {
                    if (attempt == 0 && Transactions.isUniqueViolation(e)) {
                        continue;
                    }
                    throw Transactions.unavailable(e);
                }
            }
        } finally {
            permits.release();
        }
    }

    private static void requireNew(Connection c, Submission s) throws SQLException {
        if (RegistryStore.entryExists(c, s.envelope().envelopeDigest(), s.envelope().payloadDigest())) {
            throw new ProblemException(ProblemType.REPLAY, "This envelope or its statement was already accepted.");
        }
    }

    private static long insert(Connection c, Submission s, LogLeaf leaf) throws SQLException {
        requireNew(c, s);
        return RegistryStore.insertEntry(c, new RegistryStore.NewEntry(leaf.kind().wireName(), leaf.name(),
                leaf.version(), leaf.digest(), leaf.keyId(), s.envelope().envelopeDigest(),
                s.envelope().payloadDigest(), s.envelope().toJson(), leaf.format()));
    }

    private static LogLeaf leaf(Submission submission, KeyId authority) {
        try {
            return LogLeaf.describe(submission.envelope(), authority);
        } catch (LogLeafFormatException e) {
            throw Rejections.invalidStatement();
        }
    }

    private long append(byte[] leaf) {
        try {
            return engine.log().append(leaf).get(sequenceTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (PushbackException e) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "The log's append queue is full; retry later.");
        } catch (TimeoutException | ExecutionException e) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "The log did not sequence the entry; retry later.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProblemException(ProblemType.UNAVAILABLE, "The registry is shutting down.");
        }
    }
}
