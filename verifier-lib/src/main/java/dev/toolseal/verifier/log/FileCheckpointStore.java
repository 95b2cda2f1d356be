package dev.toolseal.verifier.log;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A {@link CheckpointStore} in a directory: one file per log, named by the lowercase hex SHA-256
 * of its origin plus {@code .checkpoint}, holding the signed note bytes and nothing else.
 *
 * <p>An update takes an exclusive lock on the log's {@code .lock} file (which serialises
 * processes; a JVM-wide lock per lock file serialises threads, since Java file locks are held by
 * the whole process), re-reads the stored note, and only if it is still the expected one writes
 * a temporary file in the same directory, forces it to disk, renames it over the old file with
 * {@link StandardCopyOption#ATOMIC_MOVE} and forces the directory. A reader therefore sees the
 * old note or the new one, never a mix, and a crash leaves at worst a stray temporary file.
 *
 * <p>The evidence of a fork is kept next to it in {@code <same name>.fork.json}, written the same
 * way, and removed only by {@link #clearFork} (with the stored checkpoint).
 */
public final class FileCheckpointStore implements CheckpointStore {
  private static final ConcurrentMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();
  private static final String FORK = ".fork.json";
  private final Path dir;

  /** A store in {@code dir}, which is created if missing. */
  public FileCheckpointStore(Path dir) throws IOException {
    this.dir = Files.createDirectories(dir).toAbsolutePath().normalize();
  }

  /** The directory holding the files. */
  public Path directory() {
    return dir;
  }

  @Override
  public Optional<byte[]> load(String origin) throws IOException {
    return read(file(origin, ".checkpoint"));
  }

  @Override
  public boolean compareAndSet(String origin, Optional<byte[]> expected, byte[] next)
      throws IOException {
    CheckpointStore.checkArguments(origin, expected, next);
    Path target = file(origin, ".checkpoint");
    return locked(origin, () -> {
      Optional<byte[]> current = read(target);
      boolean same = expected.isEmpty() ? current.isEmpty()
          : current.isPresent() && Arrays.equals(current.get(), expected.get());
      if (same) {
        replace(target, next);
      }
      return same;
    });
  }

  @Override
  public Optional<String> forkRecord(String origin) throws IOException {
    Path f = file(origin, FORK);
    if (Files.exists(f, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of(f.toString());
    }
    if (!Files.isReadable(dir)) {
      throw new IOException("cannot read the checkpoint directory " + dir);
    }
    return Optional.empty();
  }

  @Override
  public String recordFork(String origin, byte[] evidence) throws IOException {
    Path target = file(origin, FORK);
    return locked(origin, () -> {
      if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
        replace(target, evidence);
      }
      return target.toString();
    });
  }

  @Override
  public boolean clearFork(String origin) throws IOException {
    return locked(origin, () -> {
      if (!Files.deleteIfExists(file(origin, FORK))) {
        return false;
      }
      Files.deleteIfExists(file(origin, ".checkpoint"));
      forceDirectory();
      return true;
    });
  }

  /** An update of one log's files. */
  private interface Update<T> {
    T run() throws IOException;
  }

  /**
   * Runs {@code update} holding the log's lock: the JVM-wide lock of its {@code .lock} file
   * (threads), then an exclusive file lock on it (processes).
   */
  private <T> T locked(String origin, Update<T> update) throws IOException {
    Path lockFile = file(origin, ".lock");
    ReentrantLock threads = LOCKS.computeIfAbsent(lockFile, p -> new ReentrantLock());
    threads.lock();
    try (FileChannel lockChannel = FileChannel.open(lockFile, StandardOpenOption.CREATE,
        StandardOpenOption.WRITE)) {
      FileLock processes = lockChannel.lock();
      try {
        return update.run();
      } finally {
        processes.release();
      }
    } finally {
      threads.unlock();
    }
  }

  private void replace(Path target, byte[] next) throws IOException {
    Path tmp = Files.createTempFile(dir, target.getFileName().toString(), ".tmp");
    try {
      try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
        ByteBuffer buf = ByteBuffer.wrap(next);
        while (buf.hasRemaining()) {
          out.write(buf);
        }
        out.force(true);
      }
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    forceDirectory();
  }

  /** Makes the rename durable; file systems that cannot open a directory are skipped. */
  private void forceDirectory() throws IOException {
    FileChannel d;
    try {
      d = FileChannel.open(dir, StandardOpenOption.READ);
    } catch (IOException | UnsupportedOperationException e) {
      return;
    }
    try (d) {
      d.force(true);
    }
  }

  private static Optional<byte[]> read(Path file) throws IOException {
    try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = in.size();
      if (size == 0 || size > MAX_NOTE_BYTES) {
        throw new IOException("stored checkpoint " + file.getFileName() + " has " + size
            + " bytes, outside 1.." + MAX_NOTE_BYTES);
      }
      ByteBuffer buf = ByteBuffer.allocate((int) size);
      while (buf.hasRemaining() && in.read(buf) >= 0) {
        // keep reading until full or end of file
      }
      if (buf.hasRemaining()) {
        throw new IOException("stored checkpoint " + file.getFileName() + " shrank while read");
      }
      return Optional.of(buf.array());
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
  }

  private Path file(String origin, String suffix) {
    if (origin == null || origin.isEmpty()) {
      throw new IllegalArgumentException("origin is required");
    }
    try {
      byte[] h = MessageDigest.getInstance("SHA-256")
          .digest(origin.getBytes(StandardCharsets.UTF_8));
      return dir.resolve(HexFormat.of().formatHex(h) + suffix);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return "FileCheckpointStore[" + dir + "]";
  }
}
