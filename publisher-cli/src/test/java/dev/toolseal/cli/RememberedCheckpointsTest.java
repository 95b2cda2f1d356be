package dev.toolseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.verifier.log.FileCheckpointStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code verify} remembers the checkpoints it has seen in the user's state directory by default,
 * says when it trusts a log for the first time, and once a log has forked refuses it on every
 * later run until {@code toolseal checkpoints clear-fork}.
 */
class RememberedCheckpointsTest {
  @TempDir
  Path dir;

  SignedRelease release;
  Map<String, String> env;
  Path store;

  @BeforeEach
  void makeEvidence() throws Exception {
    release = SignedRelease.of(Files.createDirectories(dir.resolve("evidence")),
        List.of("node", server(), "baseline"));
    env = Map.of("XDG_STATE_HOME", dir.resolve("state").toString(), "HOME",
        dir.resolve("home").toString());
    store = dir.resolve("state").resolve("toolseal").resolve("checkpoints");
  }

  private static String server() {
    return SnapshotCommandTest.servers().resolve("rugpull-server.mjs").toString();
  }

  private Cli verify(Map<String, String> in, String... more) {
    List<String> args = new ArrayList<>(List.of("verify"));
    args.addAll(release.options());
    args.addAll(List.of(more));
    args.addAll(List.of("--", "node", server(), "baseline"));
    return Cli.run(in, args.toArray(String[]::new));
  }

  private List<Path> files(Path d, String suffix) throws Exception {
    if (!Files.isDirectory(d)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(p -> p.getFileName().toString().endsWith(suffix)).toList();
    }
  }

  @Test
  void checkpointsAreRememberedInTheStateDirectoryAndAFirstUseIsSaid() throws Exception {
    Cli first = verify(env).expect(0);
    assertTrue(first.err().contains("first use") && first.err().contains(release.logOrigin())
        && first.err().contains(store.toString()), first.err());
    assertEquals(1, files(store, ".checkpoint").size());
    Cli second = verify(env).expect(0);
    assertFalse(second.err().contains("first use"), second.err());
    assertTrue(files(dir.resolve("home"), "").isEmpty());
  }

  @Test
  void withoutXdgStateHomeTheHomeStateDirectoryIsUsed() throws Exception {
    verify(Map.of("HOME", dir.resolve("home").toString())).expect(0);
    assertEquals(1, files(dir.resolve("home/.local/state/toolseal/checkpoints"), ".checkpoint")
        .size());
  }

  @Test
  void memoryOnlyMustBeAskedForByName() {
    Cli none = verify(Map.of()).expect(2);
    assertTrue(none.err().contains("--checkpoints-in-memory"), none.err());
    Cli memory = verify(Map.of(), "--checkpoints-in-memory").expect(0);
    assertTrue(memory.err().contains("memory"), memory.err());
    verify(env, "--checkpoints-in-memory", "--checkpoints", store.toString()).expect(2);
  }

  @Test
  void aCorruptStoreFailsClosedAndIsNoFirstUse() throws Exception {
    new FileCheckpointStore(store).compareAndSet(release.logOrigin(), Optional.empty(),
        "not a signed note\n".getBytes(StandardCharsets.UTF_8));
    Cli r = verify(env).expect(3);
    assertFalse(r.err().contains("first use"), r.err());
    Files.createDirectories(dir.resolve("flat"));
    Files.writeString(dir.resolve("flat/toolseal"), "a file where a directory should be");
    verify(Map.of("XDG_STATE_HOME", dir.resolve("flat").toString())).expect(4);
  }

  @Test
  void aForkIsKeptAsEvidenceAndTheLogRefusedUntilAPersonClearsIt() throws Exception {
    new FileCheckpointStore(store).compareAndSet(release.logOrigin(), Optional.empty(),
        release.forkedCheckpoint());
    Cli forked = verify(env).expect(3);
    List<Path> evidence = files(store, ".fork.json");
    assertEquals(1, evidence.size(), forked.out() + forked.err());
    String json = Files.readString(evidence.get(0));
    assertTrue(json.contains("known") && json.contains("presented"), json);
    assertTrue(forked.out().contains(evidence.get(0).getFileName().toString()), forked.out());

    // the evidence is consistent now, but the log stays refused, run after run
    for (int run = 0; run < 2; run++) {
      Cli refused = verify(env).expect(3);
      assertTrue(refused.out().contains(evidence.get(0).toString()), refused.out());
    }
    Cli.run(env, "checkpoints", "clear-fork", "--log", "no.such.log").expect(2);
    Cli cleared = Cli.run(env, "checkpoints", "clear-fork", "--log", release.logOrigin())
        .expect(0);
    assertTrue(cleared.out().contains(evidence.get(0).toString()), cleared.out());
    assertTrue(files(store, ".fork.json").isEmpty());
    Cli again = verify(env).expect(0);
    assertTrue(again.err().contains("first use"), again.err());
  }
}
