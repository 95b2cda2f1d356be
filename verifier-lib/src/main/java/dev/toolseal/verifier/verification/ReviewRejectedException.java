package dev.toolseal.verifier.verification;

import dev.toolseal.verifier.VerificationException;
import dev.toolseal.verifier.attest.Review;
import dev.toolseal.verifier.keys.KeyId;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The release does not have the reviews the policy requires: fewer distinct trusted assessors
 * PASSED it than required, or a trusted assessor FAILED it. Carries who passed, how many were
 * required and, for a failure, the failing assessor and its review (with findings).
 */
public final class ReviewRejectedException extends VerificationException {
  private static final long serialVersionUID = 1L;

  /** Why. */
  public enum Problem {
    /** Fewer PASSED reviews by distinct trusted assessors than required. */
    MISSING,
    /** A trusted assessor reviewed the release and FAILED it. */
    FAILED
  }

  private final Problem problem;
  private final int required;
  private final SortedSet<KeyId> passedBy;
  private final KeyId failedBy;
  private final transient Review failedReview;

  ReviewRejectedException(Problem problem, int required, Set<KeyId> passedBy, KeyId failedBy,
      Review failedReview, String message) {
    super(message);
    this.problem = problem;
    this.required = required;
    this.passedBy = new TreeSet<>(passedBy);
    this.failedBy = failedBy;
    this.failedReview = failedReview;
  }

  public Problem problem() {
    return problem;
  }

  /** How many distinct assessors had to pass the release. */
  public int required() {
    return required;
  }

  /** The trusted assessors whose PASSED reviews counted. */
  public SortedSet<KeyId> passedBy() {
    return new TreeSet<>(passedBy);
  }

  /** For {@link Problem#FAILED}: the assessor that failed the release. */
  public Optional<KeyId> failedBy() {
    return Optional.ofNullable(failedBy);
  }

  /** For {@link Problem#FAILED}: the failing review, with its findings. */
  public Optional<Review> failedReview() {
    return Optional.ofNullable(failedReview);
  }
}
