package dev.toolseal.registry.database;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The one embedded PostgreSQL server of this process, started on first demand.
 *
 * <p>Configuration is read before any CDI bean exists, so the server cannot be a bean: the lazy
 * {@link EmbeddedDatabaseConfigSource} asks this holder for it when Quarkus first reads the JDBC
 * URL, and {@link EmbeddedDatabaseShutdown} stops it when the application stops (a restarted
 * application in the same JVM, as in tests, starts a new one).
 */
public final class EmbeddedDatabase {

    private static final Logger LOG = Logger.getLogger(EmbeddedDatabase.class);

    private static EmbeddedPostgresServer running;

    private EmbeddedDatabase() {
    }

    /**
     * Where and how to start the server.
     *
     * @param dataDirectory the persistent data directory, or empty for a temporary one
     * @param startupTimeout how long to wait for the server to accept connections
     */
    public record Settings(Optional<Path> dataDirectory, Duration startupTimeout) {
        public Settings {
            if (dataDirectory == null || startupTimeout == null || startupTimeout.isNegative()) {
                throw new IllegalArgumentException("incomplete embedded database settings");
            }
        }
    }

    /**
     * Returns the running server, starting it with {@code settings} if none runs.
     *
     * @throws IllegalStateException if a server already runs with other settings
     * @throws UncheckedIOException if the server cannot start
     */
    public static synchronized EmbeddedPostgresServer startOrGet(Settings settings) {
        if (running != null) {
            boolean same = settings.dataDirectory().map(d -> sameDirectory(d, running.dataDirectory())).orElse(true);
            if (!same) {
                throw new IllegalStateException("another embedded database already runs on " + running.dataDirectory());
            }
            return running;
        }
        try {
            running = settings.dataDirectory().isPresent()
                    ? EmbeddedPostgresServer.start(settings.dataDirectory().get(), settings.startupTimeout())
                    : EmbeddedPostgresServer.startTemporary(settings.startupTimeout());
            return running;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the embedded PostgreSQL database", e);
        }
    }

    /** The running server, if one was started and not yet stopped. */
    public static synchronized Optional<EmbeddedPostgresServer> current() {
        return Optional.ofNullable(running);
    }

    /** Stops the running server, if any. */
    public static synchronized void stop() {
        if (running == null) {
            return;
        }
        try {
            running.close();
        } catch (IOException e) {
            LOG.warn("Could not stop the embedded PostgreSQL database cleanly", e);
        } finally {
            running = null;
        }
    }

    private static boolean sameDirectory(Path configured, Path real) {
        try {
            return configured.toRealPath().equals(real);
        } catch (IOException e) {
            return false;
        }
    }
}
