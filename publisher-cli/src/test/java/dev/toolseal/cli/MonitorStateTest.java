package dev.toolseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Where {@code monitor} keeps its last checkpoint by default: under the same state directory as
 * {@code verify}'s checkpoints, but apart from them and per set of watched namespaces.
 */
class MonitorStateTest {
  private final CommandLine cl = new CommandLine(CommandSpec.create());
  private final Path state = Path.of("/var/tmp/state-for-test").toAbsolutePath();
  private final Map<String, String> env = Map.of("XDG_STATE_HOME", state.toString());

  private Path monitor(String... namespaces) {
    return CheckpointDirectory.monitorState(cl, env, null, List.of(namespaces));
  }

  @Test
  void oneDirectoryPerSetOfWatchedNamespacesUnderTheStateDirectory() {
    Path ab = monitor("io.github.acme", "com.example");
    assertEquals(ab, monitor("com.example", "io.github.acme", "com.example"));
    assertNotEquals(ab, monitor("io.github.acme"));
    assertTrue(ab.startsWith(state.resolve("toolseal").resolve("monitor")), ab.toString());
  }

  @Test
  void notVerifysCheckpoints() {
    Path verify = CheckpointDirectory.resolve(cl, env, null);
    Path monitor = monitor("io.github.acme");
    assertFalse(monitor.startsWith(verify), monitor.toString());
    assertFalse(verify.startsWith(monitor), verify.toString());
  }

  @Test
  void anExplicitDirectoryWinsAndNoStateDirectoryIsAUsageError() {
    Path given = Path.of("somewhere");
    assertEquals(given, CheckpointDirectory.monitorState(cl, env, given, List.of("a.b")));
    assertEquals(state.getRoot().resolve("home/u/.local/state/toolseal"), CheckpointDirectory
        .monitorState(cl, Map.of("HOME", state.getRoot().resolve("home/u").toString()), null,
            List.of("a.b")).getParent().getParent());
    assertThrows(CommandLine.ParameterException.class,
        () -> CheckpointDirectory.monitorState(cl, Map.of(), null, List.of("a.b")));
  }
}
