package dev.toolseal.tlog.witness;

/**
 * A witness refused to cosign a checkpoint. The {@link Reason} maps to the HTTP status C2SP
 * tlog-witness requires; a {@link Reason#CONFLICT} carries the size of the latest checkpoint the
 * witness cosigned for the log, which the client needs to retry.
 */
public final class WitnessRefusal extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why, with the HTTP status of each answer. */
  public enum Reason {
    /** The request is malformed, or its old size is above the checkpoint's size. */
    MALFORMED(400),
    /** No log signature verified against the key the witness trusts for the origin. */
    UNTRUSTED_SIGNATURE(403),
    /** The witness is not configured for the checkpoint's origin. */
    UNKNOWN_LOG(404),
    /**
     * The old size is not the size the witness last cosigned, or the checkpoint has that size and
     * another root (a fork).
     */
    CONFLICT(409),
    /** The consistency proof does not verify. */
    BAD_PROOF(422);

    private final int status;

    Reason(int status) {
      this.status = status;
    }

    public int status() {
      return status;
    }
  }

  private final Reason reason;
  private final long latestSize;

  private WitnessRefusal(Reason reason, long latestSize, String message) {
    super(message, null, false, false);
    this.reason = reason;
    this.latestSize = latestSize;
  }

  static WitnessRefusal of(Reason reason, String message) {
    if (reason == Reason.CONFLICT) {
      throw new IllegalArgumentException("a conflict carries the latest size");
    }
    return new WitnessRefusal(reason, -1, message);
  }

  static WitnessRefusal conflict(long latestSize, String message) {
    return new WitnessRefusal(Reason.CONFLICT, latestSize, message);
  }

  public Reason reason() {
    return reason;
  }

  /** For {@link Reason#CONFLICT}: the size of the latest cosigned checkpoint; -1 otherwise. */
  public long latestSize() {
    return latestSize;
  }
}
