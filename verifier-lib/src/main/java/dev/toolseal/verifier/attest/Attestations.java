package dev.toolseal.verifier.attest;

import dev.toolseal.verifier.attest.AttestationVerificationException.Reason;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.keys.VerificationKey;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Signing and verifying ToolSeal attestations: an in-toto Statement (JCS bytes) in a DSSE
 * envelope with payloadType {@value Statement#PAYLOAD_TYPE}. Each verify method checks the
 * signatures first and only then parses the statement and the predicate; the signer rules per
 * kind are on the methods. Everything throws; nothing returns a boolean.
 */
public final class Attestations {
  private Attestations() {}

  /** Signs {@code statement} with each key. */
  public static Envelope sign(Statement statement, List<SigningKey> keys) {
    try {
      return Envelope.sign(Statement.PAYLOAD_TYPE, statement.toJson(), keys);
    } catch (EnvelopeFormatException e) {
      throw new IllegalArgumentException("cannot sign: " + e.getMessage(), e);
    }
  }

  /** Verifies that one of {@code trusted} signed, then parses the statement. */
  public static Verified<Statement> verifyStatement(Envelope envelope,
      Collection<VerificationKey> trusted)
      throws AttestationVerificationException, StatementFormatException {
    VerifiedEnvelope v = EnvelopeVerifier.verifyAny(envelope, Statement.PAYLOAD_TYPE, trusted);
    return Verified.of(Statement.parse(v.payload()), v);
  }

  /** A release signed by {@code publisher}, whose subject digest matches its manifest. */
  public static Verified<Release> verifyRelease(Envelope envelope, VerificationKey publisher)
      throws AttestationVerificationException, StatementFormatException,
      PredicateFormatException {
    VerifiedEnvelope v = EnvelopeVerifier.verifyAny(envelope, Statement.PAYLOAD_TYPE,
        List.of(publisher));
    Statement st = Statement.parse(v.payload());
    requirePredicateType(st, Release.PREDICATE_TYPE, envelope);
    return Verified.of(Release.fromStatement(st), v);
  }

  /** A review signed by at least one of {@code assessors}. PASSED or FAILED alike. */
  public static Verified<Review> verifyReview(Envelope envelope,
      Collection<VerificationKey> assessors)
      throws AttestationVerificationException, StatementFormatException,
      PredicateFormatException {
    VerifiedEnvelope v = EnvelopeVerifier.verifyAny(envelope, Statement.PAYLOAD_TYPE, assessors);
    Statement st = Statement.parse(v.payload());
    requirePredicateType(st, Review.PREDICATE_TYPE, envelope);
    return Verified.of(Review.fromStatement(st), v);
  }

  /** A key binding signed by the key it binds (proof of possession). */
  public static Verified<KeyBinding> verifyKeyBinding(Envelope envelope)
      throws AttestationVerificationException, StatementFormatException,
      PredicateFormatException {
    KeyBinding claimed = KeyBinding.fromStatement(unverifiedStatement(envelope,
        KeyBinding.PREDICATE_TYPE));
    VerifiedEnvelope v = EnvelopeVerifier.verifyAny(envelope, Statement.PAYLOAD_TYPE,
        List.of(claimed.key()));
    return Verified.of(claimed, v);
  }

  /**
   * A rotation away from {@code currentKey}: signed by {@code currentKey} AND by the new key
   * named in the statement. A rotation signed only by the new key is refused.
   */
  public static Verified<KeyRotation> verifyRotation(Envelope envelope,
      VerificationKey currentKey)
      throws AttestationVerificationException, StatementFormatException,
      PredicateFormatException {
    KeyRotation claimed = KeyRotation.fromStatement(unverifiedStatement(envelope,
        KeyRotation.PREDICATE_TYPE));
    if (!claimed.oldKeyId().equals(currentKey.keyId())) {
      throw EnvelopeVerifier.failure(Reason.SUBJECT_MISMATCH,
          "the rotation does not replace the current key", envelope, List.of(currentKey), null);
    }
    VerifiedEnvelope v = EnvelopeVerifier.verifyAll(envelope, Statement.PAYLOAD_TYPE,
        List.of(currentKey, claimed.newKey()));
    return Verified.of(claimed, v);
  }

  /**
   * A revocation signed by the namespace's current key, or by the revoked key itself when the
   * caller passes it ({@code revokedKey} must then be the key the statement names).
   */
  public static Verified<KeyRevocation> verifyRevocation(Envelope envelope,
      VerificationKey currentNamespaceKey, Optional<VerificationKey> revokedKey)
      throws AttestationVerificationException, StatementFormatException,
      PredicateFormatException {
    List<VerificationKey> allowed = new ArrayList<>(List.of(currentNamespaceKey));
    revokedKey.ifPresent(allowed::add);
    VerifiedEnvelope v = EnvelopeVerifier.verifyAny(envelope, Statement.PAYLOAD_TYPE, allowed);
    Statement st = Statement.parse(v.payload());
    requirePredicateType(st, KeyRevocation.PREDICATE_TYPE, envelope);
    KeyRevocation r = KeyRevocation.fromStatement(st);
    if (revokedKey.isPresent() && !revokedKey.get().keyId().equals(r.keyId())) {
      throw EnvelopeVerifier.failure(Reason.SUBJECT_MISMATCH,
          "the revocation names another key", envelope, allowed, null);
    }
    return Verified.of(r, v);
  }

  /** A yank signed by {@code publisher}. */
  public static Verified<ReleaseYank> verifyYank(Envelope envelope, VerificationKey publisher)
      throws AttestationVerificationException, StatementFormatException,
      PredicateFormatException {
    VerifiedEnvelope v = EnvelopeVerifier.verifyAny(envelope, Statement.PAYLOAD_TYPE,
        List.of(publisher));
    Statement st = Statement.parse(v.payload());
    requirePredicateType(st, ReleaseYank.PREDICATE_TYPE, envelope);
    return Verified.of(ReleaseYank.fromStatement(st), v);
  }

  /**
   * Parses the statement before its signatures are checked; only for key events, whose
   * statement names the key that must have signed. The parser is the same strict, bounded one;
   * nothing read here is returned unless the signatures then verify.
   */
  private static Statement unverifiedStatement(Envelope envelope, String predicateType)
      throws AttestationVerificationException, StatementFormatException {
    if (!envelope.payloadType().equals(Statement.PAYLOAD_TYPE)) {
      throw EnvelopeVerifier.failure(Reason.WRONG_PAYLOAD_TYPE, "unexpected payloadType",
          envelope, List.of(), null);
    }
    Statement st = Statement.parse(envelope.payload());
    requirePredicateType(st, predicateType, envelope);
    return st;
  }

  private static void requirePredicateType(Statement st, String predicateType,
      Envelope envelope) throws AttestationVerificationException {
    if (!st.predicateType().equals(predicateType)) {
      throw EnvelopeVerifier.failure(Reason.WRONG_PREDICATE_TYPE,
          "expected predicate type " + predicateType, envelope, List.of(), null);
    }
  }
}
