package dev.toolseal.verifier.log;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A {@link CheckpointStore} in memory, for tests and short-lived clients; lost on exit. */
public final class MemoryCheckpointStore implements CheckpointStore {
  private final Map<String, byte[]> notes = new HashMap<>();
  private final Map<String, byte[]> forks = new HashMap<>();

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

  @Override
  public synchronized Optional<String> forkRecord(String origin) {
    return forks.containsKey(origin) ? Optional.of(where(origin)) : Optional.empty();
  }

  @Override
  public synchronized String recordFork(String origin, byte[] evidence) {
    forks.putIfAbsent(origin, evidence.clone());
    return where(origin);
  }

  @Override
  public synchronized boolean clearFork(String origin) {
    boolean had = forks.remove(origin) != null;
    if (had) {
      notes.remove(origin);
    }
    return had;
  }

  private static String where(String origin) {
    return "memory (the fork record of " + origin + " is lost on exit)";
  }
}
