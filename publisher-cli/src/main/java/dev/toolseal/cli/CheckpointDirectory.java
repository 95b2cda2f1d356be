package dev.toolseal.cli;

import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.log.CheckpointStore;
import dev.toolseal.verifier.log.FileCheckpointStore;
import dev.toolseal.verifier.manifest.VisibleText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Consumer;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * Where the CLI remembers the newest checkpoint seen of each log: {@code --checkpoints <dir>},
 * else {@code $XDG_STATE_HOME/toolseal/checkpoints}, else {@code
 * $HOME/.local/state/toolseal/checkpoints}. With neither variable set it is a usage error: the
 * memory-only store must be asked for by name.
 */
final class CheckpointDirectory {
  private CheckpointDirectory() {}

  /** The directory to use. */
  static Path resolve(CommandLine cl, Map<String, String> env, Path given) {
    if (given != null) {
      return given;
    }
    return stateDirectory(cl, env).resolve("checkpoints");
  }

  /**
   * Where {@code monitor} keeps the last checkpoint it read, by default: {@code
   * <state>/toolseal/monitor/<hex SHA-256 of the watched namespaces, sorted, one per line>}. Not
   * the directory {@code verify} uses: a verification moving that checkpoint forward would make
   * the next monitor pass skip the entries in between. One per set of watched namespaces, for
   * the same reason between monitors of different namespaces.
   */
  static Path monitorState(CommandLine cl, Map<String, String> env, Path given,
      Collection<String> namespaces) {
    if (given != null) {
      return given;
    }
    StringBuilder watched = new StringBuilder();
    new TreeSet<>(namespaces).forEach(n -> watched.append(n).append('\n'));
    String id;
    try {
      id = Hash.of(MessageDigest.getInstance("SHA-256")
          .digest(watched.toString().getBytes(StandardCharsets.UTF_8))).hex();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
    return stateDirectory(cl, env).resolve("monitor").resolve(id);
  }

  /** {@code $XDG_STATE_HOME/toolseal} (absolute values only), else under {@code $HOME}. */
  private static Path stateDirectory(CommandLine cl, Map<String, String> env) {
    String xdg = env.get("XDG_STATE_HOME");
    if (xdg != null && !xdg.isEmpty() && Path.of(xdg).isAbsolute()) {
      return Path.of(xdg, "toolseal");
    }
    String home = env.get("HOME");
    if (home != null && !home.isEmpty()) {
      return Path.of(home, ".local", "state", "toolseal");
    }
    throw new ParameterException(cl, "no state directory to remember checkpoints in (neither "
        + "XDG_STATE_HOME nor HOME is set): give --checkpoints <dir> or --checkpoints-in-memory");
  }

  /** The store in {@code dir}: exit 4 if the directory cannot be made. */
  static FileCheckpointStore open(Path dir) throws CommandFailure {
    try {
      return new FileCheckpointStore(dir);
    } catch (IOException e) {
      throw new CommandFailure(ExitCode.IO, "cannot use the checkpoint directory "
          + VisibleText.of(dir.toString()) + ": " + VisibleText.of(String.valueOf(e)), e);
    }
  }

  /**
   * {@code store}, saying on {@code say} when a log is seen for the first time: its checkpoint is
   * then trusted on first use, which a person should know.
   */
  static CheckpointStore announcingFirstUse(FileCheckpointStore store, Consumer<String> say) {
    return new CheckpointStore() {
      @Override
      public Optional<byte[]> load(String origin) throws IOException {
        return store.load(origin);
      }

      @Override
      public boolean compareAndSet(String origin, Optional<byte[]> expected, byte[] next)
          throws IOException {
        boolean stored = store.compareAndSet(origin, expected, next);
        if (stored && expected.isEmpty()) {
          say.accept("first use of log " + VisibleText.of(origin) + ": its checkpoint is "
              + "trusted as the first seen and remembered in " + store.directory());
        }
        return stored;
      }

      @Override
      public Optional<String> forkRecord(String origin) throws IOException {
        return store.forkRecord(origin);
      }

      @Override
      public String recordFork(String origin, byte[] evidence) throws IOException {
        return store.recordFork(origin, evidence);
      }

      @Override
      public boolean clearFork(String origin) throws IOException {
        return store.clearFork(origin);
      }
    };
  }
}
