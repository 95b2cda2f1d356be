package dev.toolseal.tlog.checkpoint;

import java.util.List;

/** Fewer trusted witnesses than required cosigned a checkpoint. */
public final class WitnessQuorumException extends CheckpointException {
  private static final long serialVersionUID = 1L;
  private final int required;
  private final List<String> cosigners;
  private final List<String> missing;

  public WitnessQuorumException(int required, List<String> cosigners) {
    this(required, cosigners, List.of());
  }

  /**
   * @param missing names of the trusted witnesses that did not cosign (or whose cosignature did
   *     not count)
   */
  public WitnessQuorumException(int required, List<String> cosigners, List<String> missing) {
    super("checkpoint cosigned by " + cosigners.size() + " trusted witnesses, " + required
        + " required" + (missing.isEmpty() ? "" : "; missing: " + String.join(", ", missing)));
    this.required = required;
    this.cosigners = List.copyOf(cosigners);
    this.missing = List.copyOf(missing);
  }

  public int required() {
    return required;
  }

  /** Names of the trusted witnesses whose cosignatures verified. */
  public List<String> cosigners() {
    return cosigners;
  }

  /** Names of the trusted witnesses whose cosignature is missing. */
  public List<String> missing() {
    return missing;
  }
}
