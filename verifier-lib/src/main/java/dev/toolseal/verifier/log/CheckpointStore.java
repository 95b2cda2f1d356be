package dev.toolseal.verifier.log;

import java.io.IOException;
import java.util.Optional;

/**
 * Persists the newest checkpoint a client has seen of each log, so a log that later presents a
 * tree inconsistent with it (a fork, a rollback) is caught even across restarts.
 *
 * <p>Contract, for every implementation (checked by one shared contract test):
 *
 * <ul>
 *   <li>Values are signed checkpoint notes, stored and returned byte for byte; the store never
 *       interprets or verifies them. Callers must open what they load against their trusted log
 *       key, since the store's medium may have been tampered with.
 *   <li>{@link #load} returns what the last successful {@link #compareAndSet} for that origin
 *       stored, or empty if none ever did.
 *   <li>{@link #compareAndSet} is atomic per origin: it stores {@code next} only if the stored
 *       value is still byte-equal to {@code expected} (empty meaning "nothing stored"), and says
 *       whether it did. Of two callers that loaded the same value and race, exactly one wins. A
 *       {@code true} result is durable: it survives a crash and a new store object on the same
 *       medium.
 *   <li>Origins are compared exactly, as strings; different origins never affect each other.
 *   <li>An {@link IOException} means nothing is known about the store's state; a caller must not
 *       treat it as success.
 * </ul>
 */
public interface CheckpointStore {
  /** Largest note a store accepts: that of {@link dev.toolseal.tlog.note.Note#MAX_BYTES}. */
  int MAX_NOTE_BYTES = dev.toolseal.tlog.note.Note.MAX_BYTES;

  /** A copy of the signed note stored for {@code origin}, if any. */
  Optional<byte[]> load(String origin) throws IOException;

  /**
   * Replaces the note stored for {@code origin} with {@code next} if the stored one is still
   * {@code expected}.
   *
   * @param origin the log's origin line (its key name)
   * @param expected the note the caller last loaded, or empty if it loaded nothing
   * @param next the new signed note, 1..{@link #MAX_NOTE_BYTES} bytes
   * @return true if {@code next} is now stored, false if another value was stored meanwhile
   */
  boolean compareAndSet(String origin, Optional<byte[]> expected, byte[] next) throws IOException;

  /**
   * Where the fork evidence recorded for {@code origin} is kept (a file, or a description of the
   * store), if a fork of that log was recorded and not yet cleared. A log with a record is
   * refused by {@link CheckpointTracker} until a person clears it.
   */
  Optional<String> forkRecord(String origin) throws IOException;

  /**
   * Keeps {@code evidence} (the fork evidence document, bytes as given) for {@code origin}; a
   * record already there is kept (the first evidence wins).
   *
   * @return where the record is kept
   */
  String recordFork(String origin, byte[] evidence) throws IOException;

  /**
   * Removes the fork record of {@code origin} and the checkpoint stored for it (which side of
   * the fork was true is a person's call), so the next checkpoint seen is a first use again.
   *
   * @return true if there was a fork record
   */
  boolean clearFork(String origin) throws IOException;

  /** Checks the arguments every implementation must refuse. */
  static void checkArguments(String origin, Optional<byte[]> expected, byte[] next) {
    if (origin == null || origin.isEmpty() || expected == null || next == null) {
      throw new IllegalArgumentException("origin, expected and next are required");
    }
    if (next.length == 0 || next.length > MAX_NOTE_BYTES) {
      throw new IllegalArgumentException("a checkpoint note is 1.." + MAX_NOTE_BYTES + " bytes");
    }
  }
}
