package dev.toolseal.registry.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The decisions of {@link StalePostmaster} that need no PostgreSQL; the real orphan is in {@link StalePostmasterRecoveryTest}. */
class StalePostmasterTest {

    private static final Duration GRACE = Duration.ofSeconds(10);

    @TempDir
    Path dataDirectory;

    @Test
    void nothingToDoWithoutPidFile() throws Exception {
        assertEquals(StalePostmaster.Outcome.NONE, StalePostmaster.clear(dataDirectory, GRACE));
    }

    @Test
    void removesPidFileOfExitedProcess() throws Exception {
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        writePidFile(exited.pid(), dataDirectory.toString());
        assertEquals(StalePostmaster.Outcome.REMOVED_FILE, StalePostmaster.clear(dataDirectory, GRACE));
        assertFalse(Files.exists(dataDirectory.resolve(PostmasterPidFile.FILE_NAME)));
    }

    @Test
    void neverSignalsALiveProcessThatIsNotPostgres() throws Exception {
        // the pid was reused by another program: here, this very JVM
        writePidFile(ProcessHandle.current().pid(), dataDirectory.toString());
        assertEquals(StalePostmaster.Outcome.REMOVED_FILE, StalePostmaster.clear(dataDirectory, GRACE));
        assertTrue(ProcessHandle.current().isAlive());
    }

    @Test
    void removesGarbledPidFile() throws Exception {
        Files.writeString(dataDirectory.resolve(PostmasterPidFile.FILE_NAME), "not a pid\n");
        assertEquals(StalePostmaster.Outcome.REMOVED_FILE, StalePostmaster.clear(dataDirectory, GRACE));
    }

    private void writePidFile(long pid, String directory) throws Exception {
        Files.writeString(dataDirectory.resolve(PostmasterPidFile.FILE_NAME),
                pid + "\n" + directory + "\n1764078297\n5432\n/tmp\nlocalhost\n  1 2\nready   \n");
    }
}
