package dev.toolseal.registry.write;

import dev.toolseal.registry.RegistryConfig;
import dev.toolseal.registry.log.LogEngine;
import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import dev.toolseal.registry.store.RegistryChanges;
import dev.toolseal.registry.store.RegistryStore;
import dev.toolseal.registry.store.Transactions;
import dev.toolseal.tlog.engine.Leaf;
import dev.toolseal.tlog.postgres.PostgresLogStore;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.log.LogLeaf;
import dev.toolseal.verifier.log.LogLeafFormatException;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Group commit of writes: a batch of writes and the sequencing of their log leaves in ONE
 * database transaction, so a write is stored if and only if its leaf is sequenced, with one
 * commit (one WAL flush) for the whole batch.
 *
 * <p>A request queues its write (state checks and inserts, {@link Work}) and waits; it holds no
 * database connection meanwhile. Committer threads ({@code toolseal.write.max-concurrent}) each take
 * up to {@code toolseal.write.max-batch} queued writes, run each one's work inside a savepoint on
 * one connection (a refusal rolls back that write alone), sequence the accepted leaves with
 * {@link PostgresLogStore#sequenceIn} in the same transaction, record their log indexes and
 * commit. Only then is any write of the batch answered: accepted ones with their index (durably
 * sequenced: the commit is synchronous), refused ones with their problem. If the batch fails, no
 * write of it is stored and accepted ones get a 503.
 *
 * <p>A full queue ({@code toolseal.write.queue-capacity}) refuses at once with 503 and
 * Retry-After, storing nothing. A write still queued after {@code toolseal.write.sequence-timeout}
 * is withdrawn (503, nothing stored); one a committer has already taken is waited for, since its
 * batch decides whether it is stored. A unique-constraint race (or a deadlock) is retried once
 * within the batch, when the checks see the winner and answer accordingly.
 */
@ApplicationScoped
public class EntryCommitter {

    /** Runs before the log engine stops (it stops at 100): queued writes are committed first. */
    static final int SHUTDOWN_PRIORITY = 50;

    private static final Logger LOG = Logger.getLogger(EntryCommitter.class);
    private static final long POLL_MILLIS = 50;
    private static final String DEADLOCK = "40P01";

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

    private static final int QUEUED = 0;
    private static final int TAKEN = 1;
    private static final int WITHDRAWN = 2;

    /** One queued write; the committer fills in the entry once the work inserted it. */
    private static final class Pending {
        final Submission submission;
        final boolean replayFirst;
        final Work work;
        final CompletableFuture<Committed> result = new CompletableFuture<>();
        final AtomicInteger state = new AtomicInteger(QUEUED);
        long entryId;
        LogLeaf leaf;
        Leaf logLeaf;
        RuntimeException refusal;

        Pending(Submission submission, boolean replayFirst, Work work) {
            this.submission = submission;
            this.replayFirst = replayFirst;
            this.work = work;
        }
    }

    private final DataSource dataSource;
    private final LogEngine engine;
    private final RegistryChanges changes;
    private final BlockingQueue<Pending> queue;
    private final int maxBatch;
    private final Duration sequenceTimeout;
    private final List<Thread> committers = new ArrayList<>();
    private volatile boolean closed;

    @Inject
    public EntryCommitter(DataSource dataSource, LogEngine engine, RegistryChanges changes, RegistryConfig config) {
        this.dataSource = dataSource;
        this.engine = engine;
        this.changes = changes;
        this.queue = new ArrayBlockingQueue<>(config.write().queueCapacity());
        this.maxBatch = config.write().maxBatch();
        this.sequenceTimeout = config.write().sequenceTimeout();
        for (int i = 0; i < config.write().maxConcurrent(); i++) {
            Thread t = new Thread(this::run, "toolseal-committer-" + i);
            t.setDaemon(true);
            t.start();
            committers.add(t);
        }
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
        Pending p = new Pending(submission, replayFirst, work);
        if (closed) {
            throw shuttingDown();
        }
        if (!queue.offer(p)) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "The registry's write queue is full; retry later.");
        }
        try {
            try {
                return p.result.get(sequenceTimeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                if (withdraw(p)) {
                    throw new ProblemException(ProblemType.UNAVAILABLE, "The log did not sequence the entry; retry later.");
                }
                return p.result.get(); // taken by a committer: its batch decides
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new ProblemException(ProblemType.UNAVAILABLE, "The write could not be stored; retry later.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            withdraw(p);
            throw shuttingDown();
        }
    }

    /** Writes waiting for a committer. */
    public int queued() {
        return queue.size();
    }

    private boolean withdraw(Pending p) {
        if (p.state.compareAndSet(QUEUED, WITHDRAWN)) {
            queue.remove(p);
            return true;
        }
        return false;
    }

    private void run() {
        List<Pending> batch = new ArrayList<>(maxBatch);
        while (true) {
            try {
                Pending first = queue.poll(POLL_MILLIS, TimeUnit.MILLISECONDS);
                if (first == null) {
                    if (closed) {
                        return;
                    }
                    continue;
                }
                batch.add(first);
                queue.drainTo(batch, maxBatch - 1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            batch.removeIf(p -> !p.state.compareAndSet(QUEUED, TAKEN));
            if (!batch.isEmpty()) {
                commitBatch(batch);
            }
            batch.clear();
        }
    }

    private void commitBatch(List<Pending> batch) {
        List<Pending> accepted = new ArrayList<>(batch.size());
        long first = -1;
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                for (Pending p : batch) {
                    if (runOne(c, p)) {
                        accepted.add(p);
                    }
                }
                if (!accepted.isEmpty()) {
                    List<Leaf> leaves = new ArrayList<>(accepted.size());
                    long[] ids = new long[accepted.size()];
                    for (int i = 0; i < accepted.size(); i++) {
                        leaves.add(accepted.get(i).logLeaf);
                        ids[i] = accepted.get(i).entryId;
                    }
                    first = PostgresLogStore.sequenceIn(c, leaves);
                    RegistryStore.setLogIndexes(c, ids, first);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c);
                throw e;
            }
        } catch (SQLException | RuntimeException e) {
            ProblemException failed = e instanceof SQLException s ? Transactions.unavailable(s)
                    : new ProblemException(ProblemType.UNAVAILABLE, "The write could not be stored; retry later.");
            if (e instanceof RuntimeException) {
                LOG.error("A write batch failed", e);
            }
            for (Pending p : batch) {
                p.result.completeExceptionally(p.refusal != null ? p.refusal : failed);
            }
            return;
        }
        if (!accepted.isEmpty()) {
            changes.changed();
            engine.log().wakeIntegrator();
        }
        for (int i = 0; i < accepted.size(); i++) {
            Pending p = accepted.get(i);
            p.result.complete(new Committed(p.entryId, first + i, p.leaf));
        }
        for (Pending p : batch) {
            if (p.refusal != null) {
                p.result.completeExceptionally(p.refusal);
            }
        }
    }

    /**
     * Runs one write's checks and inserts inside a savepoint.
     *
     * @return true if it inserted its entry; false if it was refused ({@code p.refusal} says why,
     *     and everything it wrote is rolled back)
     * @throws SQLException if the connection itself failed (the whole batch fails)
     */
    private static boolean runOne(Connection c, Pending p) throws SQLException {
        for (int attempt = 0;; attempt++) {
            Savepoint savepoint = c.setSavepoint();
            try {
                if (p.replayFirst) {
                    requireNew(c, p.submission);
                }
                LogLeaf[] inserted = new LogLeaf[1];
                long id = p.work.run(c, (conn, authority) -> {
                    inserted[0] = leaf(p.submission, authority);
                    return insert(conn, p.submission, inserted[0]);
                });
                if (inserted[0] == null) {
                    throw new IllegalStateException("a write inserted no entry");
                }
                p.logLeaf = Leaf.of(inserted[0].format());
                // not released: RELEASE is a round trip of its own, and an open savepoint costs
                // nothing more (the next write's savepoint nests inside it; the commit ends all)
                p.entryId = id;
                p.leaf = inserted[0];
                return true;
            } catch (SQLException e) {
                c.rollback(savepoint);
                boolean race = Transactions.isUniqueViolation(e) || DEADLOCK.equals(e.getSQLState());
                if (attempt == 0 && race) {
                    continue;
                }
                p.refusal = Transactions.unavailable(e);
                return false;
            } catch (ProblemException e) {
                c.rollback(savepoint);
                p.refusal = e;
                return false;
            } catch (RuntimeException e) {
                c.rollback(savepoint);
                if (!(e instanceof ReleaseWrites.Decided)) {
                    LOG.error("A write failed", e);
                }
                p.refusal = e;
                return false;
            }
        }
    }

    private static void requireNew(Connection c, Submission s) throws SQLException {
        if (RegistryStore.entryExists(c, s.envelope().envelopeDigest(), s.envelope().payloadDigest())) {
            throw replay();
        }
    }

    private static ProblemException replay() {
        return new ProblemException(ProblemType.REPLAY, "This envelope or its statement was already accepted.");
    }

    private static long insert(Connection c, Submission s, LogLeaf leaf) throws SQLException {
        return RegistryStore.insertEntry(c, new RegistryStore.NewEntry(leaf.kind().wireName(), leaf.name(),
                leaf.version(), leaf.digest(), leaf.keyId(), s.envelope().envelopeDigest(),
                s.envelope().payloadDigest(), s.envelope().toJson(), leaf.format()))
                .orElseThrow(EntryCommitter::replay);
    }

    private static LogLeaf leaf(Submission submission, KeyId authority) {
        try {
            return LogLeaf.describe(submission.envelope(), authority);
        } catch (LogLeafFormatException e) {
            throw Rejections.invalidStatement();
        }
    }

    private static ProblemException shuttingDown() {
        return new ProblemException(ProblemType.UNAVAILABLE, "The registry is shutting down.");
    }

    private static void rollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback failed", e);
        }
    }

    /** Stops taking writes, commits what is queued, then lets the log engine stop. */
    void stop(@Observes @Priority(SHUTDOWN_PRIORITY) ShutdownEvent event) {
        closed = true;
        for (Thread t : committers) {
            try {
                t.join(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        List<Pending> left = new ArrayList<>();
        queue.drainTo(left);
        left.forEach(p -> p.result.completeExceptionally(shuttingDown()));
    }
}
