package dev.toolseal.verifier.log;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link CheckpointStore} in memory, for tests and short-lived clients; lost on exit. */
public final class MemoryCheckpointStore implements CheckpointStore {
  private final Map<String, byte[]> notes = new HashMap<>();

  @Override
  public synchronized Optional<byte[]> load(String origin) {
    return Optional.ofNullable(notes.get(origin)).map(byte[]::clone);
  }

  @Override
  public synchronized boolean compareAndSet(String origin, Optional<byte[]> expected, byte[] next) {
    CheckpointStore.checkArguments(origin, expected, next);
    byte[] current = notes.get(origin);
    boolean same = expected.isEmpty() ? current == null
        : current != null && Arrays.equals(current, expected.get());
    if (same) {
      notes.put(origin, next.clone());
    }
    return same;
  }
}
