package dev.toolseal.registry.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * A one-line secret key file, created once with mode 0600 and reused on every later start.
 *
 * <p>Creation never exposes a partial or world-readable file: the key is written and synced to a
 * temporary file that is created with mode 0600, then hard-linked to its final name, which fails
 * if another process created the key first (that key is then read and used instead).
 */
public final class LogKeyFile {

    /** Key strings are short; a larger file is not a key file. */
    static final int MAX_BYTES = 4096;

    /** rw------- */
    public static final Set<PosixFilePermission> OWNER_ONLY = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE);

    private LogKeyFile() {
    }

    /** The key in {@code file}, created from {@code generator} if the file does not exist. */
    public static String readOrCreate(Path file, Supplier<String> generator) throws IOException {
        try {
            return read(file);
        } catch (NoSuchFileException e) {
            return create(file, generator.get());
        }
    }

    /** The key in an existing file: its content without the trailing line break. */
    public static String read(Path file) throws IOException {
        if (Files.size(file) > MAX_BYTES) {
            throw new IOException("key file " + file + " is larger than " + MAX_BYTES + " bytes");
        }
        String text = Files.readString(file, StandardCharsets.UTF_8).strip();
        if (text.isEmpty() || text.contains("\n")) {
            throw new IOException("key file " + file + " does not hold exactly one key line");
        }
        return text;
    }

    /** Whether group or others may read or write {@code file}. */
    public static boolean isExposed(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
        return !OWNER_ONLY.containsAll(permissions);
    }

    private static String create(Path file, String key) throws IOException {
        if (key.isEmpty() || key.contains("\n") || key.length() > MAX_BYTES - 1) {
            throw new IllegalArgumentException("a key must be one non-empty line");
        }
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        FileAttribute<Set<PosixFilePermission>> ownerOnly = PosixFilePermissions.asFileAttribute(OWNER_ONLY);
        Path temporary = Files.createTempFile(directory, ".key-", ".tmp", ownerOnly);
        try {
            try (SeekableByteChannel channel = Files.newByteChannel(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.SYNC)) {
                ByteBuffer bytes = ByteBuffer.wrap((key + "\n").getBytes(StandardCharsets.UTF_8));
                while (bytes.hasRemaining()) {
                    channel.write(bytes);
                }
            }
            Files.createLink(file, temporary);
            return key;
        } catch (FileAlreadyExistsException e) {
            return read(file);
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
