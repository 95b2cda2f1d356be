package dev.toolseal.tlog.checkpoint;

import java.util.List;

/** Fewer trusted witnesses than required cosigned a checkpoint. */
public final class WitnessQuorumException extends CheckpointException {
  private static final long serialVersionUID = 1L;
  private final int required;
  private final List<String> cosigners;

  public WitnessQuorumException(int required, List<String> cosigners) {
    super("checkpoint cosigned by " + cosigners.size() + " trusted witnesses, " + required
        + " required");
    this.required = required;
    this.cosigners = List.copyOf(cosigners);
  }

  public int required() {
    return required;
  }

  /** Names of the trusted witnesses whose cosignatures verified. */
  public List<String> cosigners() {
    return cosigners;
  }
}
