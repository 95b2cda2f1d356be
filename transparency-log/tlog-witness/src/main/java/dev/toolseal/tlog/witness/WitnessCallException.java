package dev.toolseal.tlog.witness;

/** A witness did not cosign: it refused (its HTTP status), was unreachable (0) or misanswered. */
public final class WitnessCallException extends Exception {
  private static final long serialVersionUID = 1L;
  private final transient WitnessEndpoint witness;
  private final int status;

  public WitnessCallException(WitnessEndpoint witness, int status, String message) {
    super(witness.prefix() + " (" + witness.key().name() + "): " + message
        + (status > 0 ? " [HTTP " + status + "]" : ""));
    this.witness = witness;
    this.status = status;
  }

  public WitnessEndpoint witness() {
    return witness;
  }

  /** The HTTP status of the answer, or 0 if there was none. */
  public int status() {
    return status;
  }
}
