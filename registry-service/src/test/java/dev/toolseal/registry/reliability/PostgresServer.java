package dev.toolseal.registry.reliability;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;

/**
 * A PostgreSQL server process (zonky's binaries) on a fixed data directory and port, which the
 * suite can stop and start again: the registries connect to it as to an operator's server.
 * Commits are synchronous (zonky's default turns {@code synchronous_commit} off).
 */
final class PostgresServer implements AutoCloseable {

    private final Path dataDirectory;
    private final int port;
    private EmbeddedPostgres postgres;

    private PostgresServer(Path dataDirectory, int port) {
        this.dataDirectory = dataDirectory;
        this.port = port;
    }

    static PostgresServer start(Path dataDirectory) throws IOException {
        PostgresServer server = new PostgresServer(dataDirectory, freePort());
        server.startAgain();
        return server;
    }

    /** Starts the server on the same directory and port (after {@link #stop()}). */
    void startAgain() throws IOException {
        postgres = EmbeddedPostgres.builder().setDataDirectory(dataDirectory).setCleanDataDirectory(false)
                .setPort(port).setServerConfig("synchronous_commit", "on").setServerConfig("fsync", "on")
                .setPGStartupWait(Duration.ofSeconds(120)).start();
    }

    /** A fast shutdown (pg_ctl stop -m fast): open connections are cut. */
    void stop() throws IOException {
        if (postgres != null) {
            postgres.close();
            postgres = null;
        }
    }

    String jdbcUrl() {
        return "jdbc:postgresql://localhost:" + port + "/postgres";
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), "postgres", "");
    }

    @Override
    public void close() throws IOException {
        stop();
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
