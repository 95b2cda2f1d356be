package dev.toolseal.verifier.verification;

import dev.toolseal.verifier.VerificationException;

/**
 * The evidence cannot establish the release, for a reason that is not a bad signature, a
 * revoked key, a review or a log failure: it is about another release, it is malformed, there is
 * no trusted publisher key, a needed proof could not be fetched, or verification itself failed
 * unexpectedly (which rejects, never accepts).
 */
public final class EvidenceRejectedException extends VerificationException {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Problem {
    /** The release (or its manifest) is for another server name or version. */
    WRONG_RELEASE,
    /** A bundle or statement is not usable (wrong kind, bad manifest, unsupported event). */
    MALFORMED,
    /** The policy trusts no key for the release's namespace. */
    NO_PUBLISHER_KEY,
    /** The store or a consistency proof could not be read. */
    LOG_UNAVAILABLE,
    /** An unexpected error inside verification. */
    INTERNAL_ERROR
  }

  private final Problem problem;

  EvidenceRejectedException(Problem problem, String message, Throwable cause) {
    super(message, cause);
    this.problem = problem;
  }

  public Problem problem() {
    return problem;
  }
}
