package dev.toolseal.registry.database;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The first two lines of PostgreSQL's {@code postmaster.pid} lock file: the postmaster's process
 * id and the data directory it serves. PostgreSQL writes the file line by line, so a file cut
 * short by a crash is read as absent rather than as an error.
 *
 * @param pid the postmaster's process id, positive
 * @param dataDirectory the data directory named in the file, as written
 */
public record PostmasterPidFile(long pid, String dataDirectory) {

    /** The file's name inside a PostgreSQL data directory. */
    public static final String FILE_NAME = "postmaster.pid";

    /** PostgreSQL keeps this file tiny; anything larger is not a postmaster.pid. */
    private static final long MAX_BYTES = 4096;

    public PostmasterPidFile {
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive");
        }
        if (dataDirectory == null || dataDirectory.isEmpty()) {
            throw new IllegalArgumentException("data directory missing");
        }
    }

    /**
     * Reads the pid file of a data directory.
     *
     * @return empty when the file does not exist or does not hold a pid and a data directory
     */
    public static Optional<PostmasterPidFile> read(Path dataDirectory) throws IOException {
        Path file = dataDirectory.resolve(FILE_NAME);
        try {
            if (Files.size(file) > MAX_BYTES) {
                return Optional.empty();
            }
            return parse(Files.readAllLines(file, StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        }
    }

    static Optional<PostmasterPidFile> parse(List<String> lines) {
        if (lines.size() < 2 || lines.get(1).isBlank()) {
            return Optional.empty();
        }
        String pidText = lines.get(0).trim();
        if (pidText.isEmpty() || pidText.length() > 10 || !pidText.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.empty();
        }
        long pid = Long.parseLong(pidText);
        if (pid <= 0) {
            return Optional.empty();
        }
        return Optional.of(new PostmasterPidFile(pid, lines.get(1).trim()));
    }
}
