package dev.toolseal.verifier.log;

import dev.toolseal.verifier.VerificationException;

/**
 * A log whose fork was recorded in the checkpoint store earlier is refused, whatever it presents
 * now, until a person has looked at the evidence and cleared the record.
 */
public final class ForkedLogException extends VerificationException {
  private static final long serialVersionUID = 1L;
  private final String origin;
  private final String record;

  public ForkedLogException(String origin, String record) {
    super("log " + origin + " was seen to fork before; it is refused until a person has checked "
        + "the evidence in " + record + " and cleared it");
    this.origin = origin;
    this.record = record;
  }

  /** The log's origin. */
  public String origin() {
    return origin;
  }

  /** Where the fork evidence is kept. */
  public String record() {
    return record;
  }
}
