package dev.toolseal.registry.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Clears what a registry killed with SIGKILL leaves in its PostgreSQL data directory.
 *
 * <p>pg_ctl starts the postmaster as a daemon, so it outlives a JVM killed with -9 and keeps its
 * {@code postmaster.pid}; the next start would then fail. Before starting, {@link #clear} looks
 * at that file: if its process is a running postgres serving this data directory it is asked to
 * shut down (SIGTERM, then SIGKILL after the grace period) and the file goes; if the process is
 * gone, or is not a postgres on this directory (the pid was reused), only the file goes.
 * Callers must hold the data directory's lock, so a live registry's own server is never hit.
 */
public final class StalePostmaster {

    private static final Logger LOG = Logger.getLogger(StalePostmaster.class);

    private StalePostmaster() {
    }

    /** What {@link #clear} found and did. */
    public enum Outcome {
        /** No pid file: nothing to do. */
        NONE,
        /** A pid file whose process is gone or is not our postgres: the file was removed. */
        REMOVED_FILE,
        /** A running postgres on this data directory: it was stopped and the file removed. */
        STOPPED_SERVER
    }

    /**
     * Stops an orphaned postmaster on {@code dataDirectory} and removes a stale pid file.
     *
     * @throws IOException if the orphan does not exit within twice {@code grace}
     */
    public static Outcome clear(Path dataDirectory, Duration grace) throws IOException {
        Optional<PostmasterPidFile> pidFile = PostmasterPidFile.read(dataDirectory);
        Path file = dataDirectory.resolve(PostmasterPidFile.FILE_NAME);
        if (pidFile.isEmpty()) {
            return Files.deleteIfExists(file) ? Outcome.REMOVED_FILE : Outcome.NONE;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pidFile.get().pid())
                .filter(ProcessHandle::isAlive)
                .filter(p -> isPostgresOn(p, pidFile.get(), dataDirectory));
        if (process.isEmpty()) {
            LOG.warnf("Removing stale %s in %s: process %d is gone or is not a postgres on it",
                    PostmasterPidFile.FILE_NAME, dataDirectory, pidFile.get().pid());
            Files.deleteIfExists(file);
            return Outcome.REMOVED_FILE;
        }
        LOG.warnf("Stopping orphaned postgres %d left running on %s by an earlier crash",
                pidFile.get().pid(), dataDirectory);
        stop(process.get(), grace);
        Files.deleteIfExists(file);
        return Outcome.STOPPED_SERVER;
    }

    private static boolean isPostgresOn(ProcessHandle process, PostmasterPidFile pidFile, Path dataDirectory) {
        boolean postgres = process.info().command()
                .map(c -> Path.of(c).getFileName().toString().equals("postgres"))
                .orElse(false);
        return postgres && sameDirectory(pidFile.dataDirectory(), dataDirectory);
    }

    private static boolean sameDirectory(String written, Path dataDirectory) {
        try {
            return Path.of(written).toRealPath().equals(dataDirectory.toRealPath());
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void stop(ProcessHandle process, Duration grace) throws IOException {
        process.destroy();
        if (awaitExit(process, grace)) {
            return;
        }
        LOG.warnf("postgres %d ignored SIGTERM for %s; killing it", process.pid(), grace);
        process.destroyForcibly();
        if (!awaitExit(process, grace)) {
            throw new IOException("orphaned postgres " + process.pid() + " does not exit");
        }
    }

    private static boolean awaitExit(ProcessHandle process, Duration timeout) throws IOException {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IOException("waiting for postgres " + process.pid(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while stopping postgres " + process.pid(), e);
        }
    }
}
