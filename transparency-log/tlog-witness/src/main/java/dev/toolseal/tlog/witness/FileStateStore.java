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
 */
public final class FileStateStore implements StateStore {
  private static final String SUFFIX = ".checkpoint";
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
    try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
      d.force(true);
    }
  }

  /** The directory the files are in. */
  public Path dir() {
    return dir;
  }

  private Path fileOf(String origin) {
    try {
      byte[] h = MessageDigest.getInstance("SHA-256")
          .digest(origin.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(h) + SUFFIX);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
