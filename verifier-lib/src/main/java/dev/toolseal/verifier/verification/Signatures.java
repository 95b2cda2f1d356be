package dev.toolseal.verifier.verification;

import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.SuccessCache;
import dev.toolseal.verifier.attest.AttestationVerificationException;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.KeyRevocation;
import dev.toolseal.verifier.attest.PredicateFormatException;
import dev.toolseal.verifier.attest.Statement;
import dev.toolseal.verifier.attest.StatementFormatException;
import dev.toolseal.verifier.attest.Verified;
import dev.toolseal.verifier.bundle.OfflineBundle;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.keys.VerificationKey;
import dev.toolseal.verifier.log.LeafKind;
import dev.toolseal.verifier.verification.SignatureRejectedException.Problem;
import java.util.Collection;
import java.util.List;

/** Maps attestation verification failures to {@link SignatureRejectedException}s. */
final class Signatures {
  private Signatures() {}

  static SignatureRejectedException rejected(LeafKind role, OfflineBundle b,
      List<KeyId> trusted, AttestationVerificationException e) {
    Problem problem = switch (e.reason()) {
      case BAD_SIGNATURE -> Problem.FORGED;
      case NO_TRUSTED_SIGNATURE, MISSING_REQUIRED_SIGNATURE -> Problem.UNTRUSTED_KEY;
      default -> Problem.INVALID_STATEMENT;
    };
    String what = switch (problem) {
      case FORGED -> "carries a signature that does not verify for the key it names: it was "
          + "forged or altered after signing";
      case UNTRUSTED_KEY -> "is not signed by a key trusted for it (signed by "
          + b.envelope().keyIds() + ", trusted: " + trusted + ")";
      case INVALID_STATEMENT -> "is signed but its statement is inconsistent (" + e.reason()
          + ")";
    };
    return new SignatureRejectedException(role, problem, b.envelope().keyIds(), trusted,
        "the " + role.wireName() + " attestation for " + subject(b) + " " + what, e);
  }

  static SignatureRejectedException untrusted(LeafKind role, OfflineBundle b,
      List<KeyId> trusted) {
    return new SignatureRejectedException(role, Problem.UNTRUSTED_KEY, b.envelope().keyIds(),
        trusted, "the " + role.wireName() + " attestation for " + subject(b)
        + " was logged as signed by " + b.keyHint() + ", which is not a key trusted for it "
        + "(trusted: " + trusted + ")", null);
  }

  private record RevocationKey(Hash envelopeDigest, List<VerificationKey> known) {}

  /**
   * Verified revocation envelopes, keyed by envelope digest and the exact keys it was checked
   * against (docs/design/verification.md, "Remembered evidence"). Only successes are kept.
   */
  private static final SuccessCache<RevocationKey, Verified<KeyRevocation>> REVOCATIONS =
      new SuccessCache<>(1024);

  static Verified<KeyRevocation> verifyRevocation(OfflineBundle b,
      Collection<VerificationKey> known) throws AttestationVerificationException,
      StatementFormatException, PredicateFormatException {
    List<VerificationKey> keys = List.copyOf(known);
    try {
      return REVOCATIONS.get(new RevocationKey(b.envelope().envelopeDigest(), keys), () -> {
        try {
          Verified<Statement> v = Attestations.verifyStatement(b.envelope(), keys);
          return new Verified<>(KeyRevocation.fromStatement(v.value()), v.signers(),
              v.envelopeDigest());
        } catch (AttestationVerificationException | StatementFormatException
            | PredicateFormatException e) {
          throw new Refused(e);
        }
      });
    } catch (Refused r) {
      if (r.getCause() instanceof AttestationVerificationException e) {
        throw e;
      }
      if (r.getCause() instanceof StatementFormatException e) {
        throw e;
      }
      throw (PredicateFormatException) r.getCause();
    }
  }

  static String subject(OfflineBundle b) {
    return b.leaf().name() + (b.leaf().version().isEmpty() ? "" : "@" + b.leaf().version());
  }
}
