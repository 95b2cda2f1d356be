package dev.toolseal.tlog.checkpoint;

import dev.toolseal.tlog.note.Note;
import dev.toolseal.tlog.note.NoteSigner;
import dev.toolseal.tlog.note.NoteVerifier;
import java.util.Objects;

/**
 * Signs checkpoints of one log as C2SP signed notes. The log's key name is its origin, so a
 * verifier can demand that the checkpoint's origin line equals the name of the key it trusts.
 */
public final class CheckpointSigner {
  private final NoteSigner key;

  public CheckpointSigner(NoteSigner key) {
    this.key = Objects.requireNonNull(key, "key");
  }

  /** The log's origin: the key's name. */
  public String origin() {
    return key.name();
  }

  /** The public key checkpoints are verified with. */
  public NoteVerifier verifier() {
    return key.verifier();
  }

  /**
   * The signed note of {@code checkpoint}.
   *
   * @throws IllegalArgumentException if the checkpoint's origin is not this log's
   */
  public byte[] sign(Checkpoint checkpoint) {
    if (!checkpoint.origin().equals(origin())) {
      throw new IllegalArgumentException("checkpoint origin is not this log's origin");
    }
    return Note.sign(checkpoint.format(), key);
  }

  @Override
  public String toString() {
    return "CheckpointSigner[" + key + "]";
  }
}
