package dev.toolseal.tlog.checkpoint;

/** Base of the checked failures to parse or accept a checkpoint. */
public abstract class CheckpointException extends Exception {
  private static final long serialVersionUID = 1L;

  protected CheckpointException(String message) {
    super(message);
  }
}
