package dev.toolseal.registry.log;

import dev.toolseal.registry.RegistryConfig;
import dev.toolseal.tlog.checkpoint.CheckpointSigner;
import dev.toolseal.tlog.engine.Log;
import dev.toolseal.tlog.engine.LogOptions;
import dev.toolseal.tlog.engine.LogReader;
import dev.toolseal.tlog.engine.PublishedCheckpoint;
import dev.toolseal.tlog.postgres.PostgresLogStore;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.Startup;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.Optional;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * The running transparency log of this registry instance: the tlog-postgres engine over the
 * registry's datasource, signing checkpoints with {@link LogSigningKey}.
 *
 * <p>At start it migrates the log's tables (Flyway, history table {@code tlog_schema_history},
 * beside the registry's own migrations) and starts the sequencer and the background integrator.
 * It stops before the database does: its shutdown observer runs first and flushes what is queued.
 */
@Startup
@ApplicationScoped
public class LogEngine {

    /** Shutdown observers with a higher priority run later; the embedded database stops last. */
    static final int SHUTDOWN_PRIORITY = 100;

    private static final Logger LOG = Logger.getLogger(LogEngine.class);

    private final PostgresLogStore store;
    private final CheckpointSigner signer;
    private final Log log;
    private volatile boolean running;

    @Inject
    public LogEngine(DataSource dataSource, LogSigningKey key, RegistryConfig config) {
        PostgresLogStore.migrate(dataSource);
        this.store = new PostgresLogStore(dataSource);
        this.signer = new CheckpointSigner(key.signer());
        this.log = Log.start(store, signer, LogOptions.defaults().withMaxWait(config.log().sequencerMaxWait())
                .withCheckpointInterval(config.log().checkpointInterval()));
        this.running = true;
        LOG.infof("Transparency log %s started", signer.origin());
    }

    /** The engine: append path, integration and reads. */
    public Log log() {
        return log;
    }

    /** The read side of the engine. */
    public LogReader reader() {
        return log.reader();
    }

    /**
     * The latest checkpoint without a database read: the newest one this instance's integrator
     * published or read (another process's checkpoints appear within the integrator's poll, 1 s);
     * before the integrator's first step, read from the store.
     */
    public Optional<PublishedCheckpoint> latestCheckpoint() throws IOException {
        Optional<PublishedCheckpoint> seen = log.latestSeenCheckpoint();
        return seen.isPresent() ? seen : log.reader().latestCheckpoint();
    }

    /** Signs checkpoints with the log's key; its origin is the log's origin. */
    public CheckpointSigner signer() {
        return signer;
    }

    /** Whether the engine has started and not been stopped. */
    public boolean running() {
        return running;
    }

    /** Entries waiting to be sequenced. */
    public int queueDepth() {
        return log.queued();
    }

    /** Entries sequenced so far (the next index). */
    public long sequencedSize() throws IOException {
        return store.sequencedSize();
    }

    /** Entries sequenced but not yet covered by the latest checkpoint. */
    public long integrationLag() throws IOException {
        long sequenced = store.sequencedSize();
        Optional<PublishedCheckpoint> latest = store.latestCheckpoint();
        return sequenced - latest.map(PublishedCheckpoint::size).orElse(0L);
    }

    void stop(@Observes @Priority(SHUTDOWN_PRIORITY) ShutdownEvent event) {
        if (running) {
            running = false;
            log.close();
            LOG.infof("Transparency log %s stopped", signer.origin());
        }
    }
}
