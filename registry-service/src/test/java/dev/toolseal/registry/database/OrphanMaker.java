package dev.toolseal.registry.database;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;

/**
 * Child-JVM main for {@link StalePostmasterRecoveryTest}: starts the embedded server on the given
 * directory, writes a marker row, prints {@code READY} and waits to be killed with SIGKILL.
 */
public final class OrphanMaker {

    private OrphanMaker() {
    }

    public static void main(String[] args) throws Exception {
        EmbeddedPostgresServer server = EmbeddedPostgresServer.start(Path.of(args[0]), Duration.ofSeconds(120));
        try (Connection c = DriverManager.getConnection(server.jdbcUrl());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE survivor (id int PRIMARY KEY)");
            s.execute("INSERT INTO survivor VALUES (42)");
        }
        System.out.println("READY " + server.port());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
