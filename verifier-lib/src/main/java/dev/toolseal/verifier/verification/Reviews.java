package dev.toolseal.verifier.verification;

import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.SuccessCache;
import dev.toolseal.verifier.VerificationException;
import dev.toolseal.verifier.attest.AttestationVerificationException;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.PredicateFormatException;
import dev.toolseal.verifier.attest.Review;
import dev.toolseal.verifier.attest.StatementFormatException;
import dev.toolseal.verifier.attest.Subject;
import dev.toolseal.verifier.attest.Verified;
import dev.toolseal.verifier.bundle.OfflineBundle;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.keys.VerificationKey;
import dev.toolseal.verifier.log.LeafKind;
import dev.toolseal.verifier.verification.EvidenceRejectedException.Problem;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Counts the reviews of one release: only reviews of exactly this release (name, version,
 * manifest digest), signed by a trusted assessor whose key is not revoked for that entry.
 * Reviews of other releases or by other keys are skipped with a note. A FAILED review by a
 * trusted assessor rejects; fewer distinct PASSED assessors than required rejects.
 */
final class Reviews {
  private record Key(Hash envelopeDigest, List<VerificationKey> assessors) {}

  /**
   * Verified review envelopes, keyed by envelope digest and the exact trusted assessor keys
   * (docs/design/verification.md, "Remembered evidence"). Only successes are remembered.
   */
  private static final SuccessCache<Key, Verified<Review>> VERIFIED = new SuccessCache<>(1024);

  private Reviews() {}

  private static Verified<Review> verify(OfflineBundle b, VerificationPolicy policy)
      throws Refused {
    List<VerificationKey> assessors = List.copyOf(policy.assessors().values());
    return VERIFIED.get(new Key(b.envelope().envelopeDigest(), assessors), () -> {
      try {
        return Attestations.verifyReview(b.envelope(), assessors);
      } catch (AttestationVerificationException | StatementFormatException
          | PredicateFormatException e) {
        throw new Refused(e);
      }
    });
  }

  static SortedSet<KeyId> check(Subject release, List<OfflineBundle> reviews,
      VerificationPolicy policy, KeyEvents keys, Consumer<String> notes)
      throws VerificationException {
    SortedSet<KeyId> passed = new TreeSet<>();
    if (policy.assessors().isEmpty()) {
      return passed;
    }
    List<KeyId> trusted = List.copyOf(policy.assessorIds());
    for (OfflineBundle b : reviews) {
      if (b.leaf().kind() != LeafKind.REVIEW) {
        throw new EvidenceRejectedException(Problem.MALFORMED, "a " + b.leaf().kind().wireName()
            + " bundle was given as a review", null);
      }
      Verified<Review> v;
      try {
        v = verify(b, policy);
      } catch (Refused refused) {
        if (refused.getCause() instanceof AttestationVerificationException e) {
          if (e.reason() == AttestationVerificationException.Reason.NO_TRUSTED_SIGNATURE) {
            notes.accept("ignored a review of " + Signatures.subject(b)
                + " by an assessor this policy does not trust (" + b.keyHint() + ")");
            continue;
          }
          throw Signatures.rejected(LeafKind.REVIEW, b, trusted, e);
        }
        throw new EvidenceRejectedException(Problem.MALFORMED,
            "a review bundle does not hold a review", refused.getCause());
      }
      Review r = v.value();
      if (!r.subject().equals(release)) {
        notes.accept("ignored a review of " + r.subject().name() + " (digest "
            + r.subject().sha256() + "): it is not a review of " + release.name() + " (digest "
            + release.sha256() + ")");
        continue;
      }
      for (KeyId assessor : v.signers()) {
        if (keys.revocation(assessor, b).isPresent()) {
          notes.accept("ignored the review by " + assessor + ": that assessor key is revoked");
          continue;
        }
        if (r.result() == Review.Result.FAILED) {
          throw new ReviewRejectedException(ReviewRejectedException.Problem.FAILED,
              policy.requiredReviews(), passed, assessor, r, "assessor " + assessor
              + " reviewed " + release.name() + " and FAILED it" + findings(r)
              + "; do not use this release until it is fixed and reviewed again");
        }
        passed.add(assessor);
      }
    }
    if (passed.size() < policy.requiredReviews()) {
      throw new ReviewRejectedException(ReviewRejectedException.Problem.MISSING,
          policy.requiredReviews(), passed, null, null, release.name() + " has PASSED reviews "
          + "from " + passed.size() + " trusted assessor(s) " + passed + " but the policy "
          + "requires " + policy.requiredReviews() + " of " + trusted
          + "; ask a trusted assessor to review this exact release");
    }
    return passed;
  }

  private static String findings(Review r) {
    if (r.findings().isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder(" with findings:");
    r.findings().stream().limit(10).forEach(f -> sb.append(" [").append(f.severity().wireName())
        .append(" at ").append(f.path().isEmpty() ? "/" : f.path()).append(": ")
        .append(dev.toolseal.verifier.manifest.VisibleText.of(f.message())).append(']'));
    return sb.toString();
  }
}
