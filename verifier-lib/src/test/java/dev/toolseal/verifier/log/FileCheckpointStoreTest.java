package dev.toolseal.verifier.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileCheckpointStoreTest extends CheckpointStoreContract {
  @TempDir
  Path tmp;
  private int dirs;

  @Override
  CheckpointStore newStore() throws IOException {
    return new FileCheckpointStore(tmp.resolve("store" + dirs++));
  }

  @Override
  CheckpointStore reopen(CheckpointStore store) throws IOException {
    return new FileCheckpointStore(((FileCheckpointStore) store).directory());
  }

  @Test
  void oneFilePerLogAndNoTemporaryFilesLeft() throws Exception {
    FileCheckpointStore s = (FileCheckpointStore) newStore();
    assertTrue(s.compareAndSet("log.example/a", Optional.empty(), note("one")));
    assertTrue(s.compareAndSet("log.example/a", Optional.of(note("one")), note("two")));
    assertTrue(s.compareAndSet("log.example/b", Optional.empty(), note("three")));
    try (Stream<Path> files = Files.list(s.directory())) {
      List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
      assertEquals(2, names.stream().filter(n -> n.endsWith(".checkpoint")).count());
      assertEquals(0, names.stream().filter(n -> n.endsWith(".tmp")).count());
    }
  }

  @Test
  void aCorruptOversizedFileIsAnError() throws Exception {
    FileCheckpointStore s = (FileCheckpointStore) newStore();
    assertTrue(s.compareAndSet("o", Optional.empty(), note("one")));
    Path file;
    try (Stream<Path> files = Files.list(s.directory())) {
      file = files.filter(p -> p.toString().endsWith(".checkpoint")).findFirst().orElseThrow();
    }
    Files.write(file, new byte[CheckpointStore.MAX_NOTE_BYTES + 1]);
    assertThrows(IOException.class, () -> s.load("o"));
    Files.write(file, new byte[0]);
    assertThrows(IOException.class, () -> s.load("o"));
    Files.write(file, note("edited"));
    assertArrayEquals(note("edited"), s.load("o").orElseThrow());
  }
}
