package dev.toolseal.tlog.witness;

import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.note.NoteVerifier;
import java.io.IOException;
import java.util.Optional;

/**
 * Where a witness keeps the latest checkpoint it cosigned for each log.
 *
 * <p>Contract: {@link #save} returns only once the checkpoint is durable (it survives a crash of
 * the process or the machine) and replaces the previous one atomically, so a reader after a crash
 * sees either the old or the new checkpoint, whole. {@link #load} returns what the last
 * successful {@code save} stored for the log, re-verified against the log's key; a stored
 * checkpoint that does not verify is an {@link IOException}, never an empty answer, because a
 * witness that forgets a log would cosign a fork of it.
 */
public interface StateStore {
  /** The latest cosigned checkpoint of {@code log} (origin = key name), if any. */
  Optional<SignedCheckpoint> load(NoteVerifier log) throws IOException;

  /** Durably replaces the latest cosigned checkpoint of its origin. */
  void save(SignedCheckpoint checkpoint) throws IOException;

  /**
   * Durably keeps proof that a log forked: {@code cosigned}, the checkpoint this witness cosigned,
   * and {@code conflicting}, a checkpoint of the same log and size with another root, both signed
   * by the log's key. Keeping the same pair twice keeps it once; a store may stop keeping new
   * pairs for a log past a bound of its own (a log key's holder can sign any number of them).
   *
   * @return where the pair is kept, if it was kept
   */
  Optional<String> keepForkEvidence(SignedCheckpoint cosigned, SignedCheckpoint conflicting)
      throws IOException;
}
