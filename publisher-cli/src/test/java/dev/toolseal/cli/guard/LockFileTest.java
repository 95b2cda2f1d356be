package dev.toolseal.cli.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.cli.lint.SampleManifests;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockFileTest {
  @TempDir
  Path dir;

  @Test
  void pinsRoundTripAndAMissingFileHasNone() throws Exception {
    LockFile lock = new LockFile(dir.resolve("l.json"));
    assertTrue(lock.pinned("a").isEmpty());
    ToolManifest m = SampleManifests.clean();
    Instant t = Instant.parse("2026-11-25T15:00:00Z");
    lock.pin("a", m, t);
    LockFile.Pin pin = new LockFile(dir.resolve("l.json")).pinned("a").orElseThrow();
    assertEquals(m.digest(), pin.manifest().digest());
    assertEquals(t, pin.approvedAt());
    assertTrue(lock.pinned("b").isEmpty());
  }

  @Test
  void aTamperedFileIsRefusedWhole() throws Exception {
    Path file = dir.resolve("l.json");
    new LockFile(file).pin("a", SampleManifests.clean(), Instant.EPOCH);
    String good = Files.readString(file);
    List<String> bad = List.of(
        good.replaceFirst("\"digest\" : \"[0-9a-f]", "\"digest\" : \"x"),
        good.replace("\"lockVersion\"", "\"extra\" : 1, \"lockVersion\""),
        good.replace("toolseal.dev/guard-lock/v1", "v2"),
        good.replaceFirst("\"approvedAt\" : \"[^\"]*\"", "\"approvedAt\" : \"yesterday\""),
        good.replace("\"lockVersion\"", "\"lockVersion\" : \"x\", \"lockVersion\""),
        good.substring(0, good.length() / 2));
    for (String text : bad) {
      assertTrue(!text.equals(good));
      Files.writeString(file, text);
      assertThrows(LockFileException.class, () -> new LockFile(file).pinned("a"));
    }
  }

  @Test
  void concurrentPinsAreAllKept() throws Exception {
    LockFile lock = new LockFile(dir.resolve("l.json"));
    List<Thread> threads = new ArrayList<>();
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < 8; i++) {
      String name = "server-" + i;
      Thread t = new Thread(() -> {
        try {
          new LockFile(dir.resolve("l.json")).pin(name, SampleManifests.clean(), Instant.EPOCH);
        } catch (Throwable e) {
          failures.add(e);
        }
      });
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
    assertEquals(List.of(), failures);
    for (int i = 0; i < 8; i++) {
      assertTrue(lock.pinned("server-" + i).isPresent());
    }
  }
}
