package dev.toolseal.registry.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Reproduces a registry killed with {@code kill -9}: a child JVM starts the embedded server on a
 * temporary data directory and is SIGKILLed; its postmaster lives on, holding postmaster.pid.
 * The next start on that directory must stop the orphan, start cleanly and keep the data.
 */
class StalePostmasterRecoveryTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    @TempDir
    Path root;

    @Test
    void startAfterKillMinusNineStopsTheOrphanAndKeepsTheData() throws Exception {
        Path dataDirectory = root.resolve("postgres");
        Process child = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                OrphanMaker.class.getName(), dataDirectory.toString()))
                .redirectErrorStream(true)
                .start();
        try {
            awaitReady(child);
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook runs
            child.waitFor();
        }
        PostmasterPidFile orphan = PostmasterPidFile.read(dataDirectory).orElseThrow();
        ProcessHandle orphanProcess = ProcessHandle.of(orphan.pid()).orElseThrow();
        assertTrue(orphanProcess.isAlive(), "the postmaster outlives its killed JVM");

        try (EmbeddedPostgresServer server = EmbeddedPostgresServer.start(dataDirectory, TIMEOUT)) {
            assertFalse(orphanProcess.isAlive(), "the orphan was stopped");
            try (Connection c = DriverManager.getConnection(server.jdbcUrl());
                    Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT id FROM survivor")) {
                assertTrue(rs.next());
                assertEquals(42, rs.getInt(1));
            }
            // a second server on the same directory is refused while the first runs
            assertThrows(IOException.class, () -> EmbeddedPostgresServer.start(dataDirectory, TIMEOUT));
            assertTrue(server.port() > 0);
        }
    }

    private static void awaitReady(Process child) throws IOException {
        BufferedReader out = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("READY ")) {
                return;
            }
        }
        assertNotNull(line, "the child JVM exited before its server was ready");
    }
}
