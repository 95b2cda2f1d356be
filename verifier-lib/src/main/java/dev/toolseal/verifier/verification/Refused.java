package dev.toolseal.verifier.verification;

/**
 * A failed check carried out of a {@link dev.toolseal.verifier.SuccessCache} (whose checks throw
 * one exception type) as the cause, to be thrown again as what it was.
 */
final class Refused extends Exception {
  private static final long serialVersionUID = 1L;

  Refused(Exception cause) {
    super(cause.getMessage(), cause, false, false);
  }
}
