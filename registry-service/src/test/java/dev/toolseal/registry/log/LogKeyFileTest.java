package dev.toolseal.registry.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogKeyFileTest {

    @TempDir
    Path directory;

    @Test
    void generatesOnceWithOwnerOnlyModeAndReusesTheKey() throws IOException {
        Path file = directory.resolve("nested").resolve("log-signing.key");
        AtomicInteger generated = new AtomicInteger();
        String first = LogKeyFile.readOrCreate(file, () -> "PRIVATE+KEY+a+" + generated.incrementAndGet());
        String second = LogKeyFile.readOrCreate(file, () -> "PRIVATE+KEY+a+" + generated.incrementAndGet());

        assertEquals(first, second);
        assertEquals(1, generated.get());
        assertEquals(LogKeyFile.OWNER_ONLY, Files.getPosixFilePermissions(file));
        assertFalse(LogKeyFile.isExposed(file));
        try (var files = Files.list(file.getParent())) {
            assertEquals(1, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void reportsAWorldReadableFile() throws IOException {
        Path file = directory.resolve("k");
        Files.writeString(file, "PRIVATE+KEY+x\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        assertEquals("PRIVATE+KEY+x", LogKeyFile.read(file));
        assertEquals(true, LogKeyFile.isExposed(file));
    }

    @Test
    void rejectsFilesThatAreNotOneKeyLine() throws IOException {
        Path empty = Files.writeString(directory.resolve("empty"), "\n");
        Path twoLines = Files.writeString(directory.resolve("two"), "a\nb\n");
        Path huge = Files.write(directory.resolve("huge"), new byte[LogKeyFile.MAX_BYTES + 1]);
        for (Path file : new Path[] {empty, twoLines, huge}) {
            assertThrows(IOException.class, () -> LogKeyFile.read(file), file.toString());
        }
    }

    @Test
    void refusesToWriteAMultiLineKey() {
        assertThrows(IllegalArgumentException.class,
                () -> LogKeyFile.readOrCreate(directory.resolve("k"), () -> "a\nb"));
    }
}
