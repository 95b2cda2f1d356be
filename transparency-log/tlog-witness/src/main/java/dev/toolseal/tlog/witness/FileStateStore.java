package dev.toolseal.tlog.witness;

import dev.toolseal.tlog.checkpoint.CheckpointException;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.note.Note;
import dev.toolseal.tlog.note.NoteException;
import dev.toolseal.tlog.note.NoteVerifier;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A {@link StateStore} in a directory: one file per log, named by the SHA-256 of its origin in
 * hex plus {@code .checkpoint}, holding the signed checkpoint note exactly as the log sent it.
 * A save writes a temporary file in the same directory, forces it to disk, renames it over the
 * old file atomically and forces the directory, so the rename itself is durable.
 *
 * <p>Fork evidence goes to {@code forks/<origin hash>-<first 16 hex digits of the SHA-256 of the
 * conflicting note>/}, holding {@code cosigned.checkpoint} and {@code conflicting.checkpoint}
 * (each note exactly as the log sent it), at most {@value #MAX_FORKS_PER_LOG} pairs per log.
 */
public final class FileStateStore implements StateStore {
  private static final String SUFFIX = ".checkpoint";
  static final int MAX_FORKS_PER_LOG = 64;
  private final Path dir;

  private FileStateStore(Path dir) {
    this.dir = dir;
  }

  /** A store in {@code dir}, created (with missing parents) if absent. */
  public static FileStateStore open(Path dir) throws IOException {
    Files.createDirectories(Objects.requireNonNull(dir, "dir"));
    return new FileStateStore(dir.toRealPath());
  }

  @Override
  public Optional<SignedCheckpoint> load(NoteVerifier log) throws IOException {
    Path file = fileOf(log.name());
    byte[] note;
    try (InputStream in = Files.newInputStream(file)) {
      note = in.readNBytes(Note.MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    try {
      return Optional.of(SignedCheckpoint.open(note, log));
    } catch (NoteException | CheckpointException e) {
      throw new IOException("the stored checkpoint of " + log.name() + " in " + file
          + " does not verify against its key: " + e.getMessage(), e);
    }
  }

  @Override
  public void save(SignedCheckpoint checkpoint) throws IOException {
    Path file = fileOf(checkpoint.checkpoint().origin());
    Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(checkpoint.signedNote());
        while (buf.hasRemaining()) {
          ch.write(buf);
        }
        ch.force(true);
      }
      Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(tmp);
    }
    force(dir);
  }

  @Override
  public Optional<String> keepForkEvidence(SignedCheckpoint cosigned,
      SignedCheckpoint conflicting) throws IOException {
    String origin = cosigned.checkpoint().origin();
    if (!conflicting.checkpoint().origin().equals(origin)
        || cosigned.checkpoint().size() != conflicting.checkpoint().size()
        || cosigned.checkpoint().root().equals(conflicting.checkpoint().root())) {
      throw new IllegalArgumentException("not a fork: two checkpoints of one log and size, two roots");
    }
    Path forks = Files.createDirectories(dir.resolve("forks"));
    String prefix = hex(origin) + "-";
    Path pair = forks.resolve(prefix + hex(conflicting.signedNote()).substring(0, 16));
    if (Files.isDirectory(pair)) {
      return Optional.of(pair.toString());
    }
    try (var existing = Files.list(forks)) {
      if (existing.filter(p -> p.getFileName().toString().startsWith(prefix)).count()
          >= MAX_FORKS_PER_LOG) {
        return Optional.empty();
      }
    }
    Path tmp = Files.createTempDirectory(forks, ".pair");
    try {
      write(tmp.resolve("cosigned" + SUFFIX), cosigned.signedNote());
      write(tmp.resolve("conflicting" + SUFFIX), conflicting.signedNote());
      force(tmp);
      Files.move(tmp, pair, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      if (Files.isDirectory(tmp)) {
        try (var left = Files.list(tmp)) {
          for (Path p : left.toList()) {
            Files.deleteIfExists(p);
          }
        }
        Files.deleteIfExists(tmp);
      }
    }
    force(forks);
    return Optional.of(pair.toString());
  }

  private static void write(Path file, byte[] bytes) throws IOException {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW,
        StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  private static void force(Path directory) throws IOException {
    try (FileChannel d = FileChannel.open(directory, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  /** The directory the files are in. */
  public Path dir() {
    return dir;
  }

  private Path fileOf(String origin) {
    return dir.resolve(hex(origin) + SUFFIX);
  }

  private static String hex(String text) {
    return hex(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String hex(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
