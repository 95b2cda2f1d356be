package dev.toolseal.verifier.attest;

import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.keys.KeyId;
import java.util.List;
import java.util.Optional;

/**
 * An envelope or statement failed verification. Carries the evidence: the reason, every key id
 * the envelope named, the key ids the caller required, and for digest mismatches the expected
 * and actual digests.
 */
public final class AttestationVerificationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What failed. */
  public enum Reason {
    /** The envelope's payloadType is not the one the caller expects. */
    WRONG_PAYLOAD_TYPE,
    /** A signature by a trusted key id does not verify (the envelope is refused outright). */
    BAD_SIGNATURE,
    /** No signature by any trusted key (signatures by other key ids are ignored). */
    NO_TRUSTED_SIGNATURE,
    /** A key that must have signed (e.g. the old key of a rotation) did not. */
    MISSING_REQUIRED_SIGNATURE,
    /** The statement's predicateType is not the one the caller expects. */
    WRONG_PREDICATE_TYPE,
    /** A subject digest differs from the digest computed from the predicate. */
    SUBJECT_DIGEST_MISMATCH,
    /** A key or name given by the caller differs from the one in the attestation. */
    SUBJECT_MISMATCH
  }

  private final Reason reason;
  private final List<KeyId> keyIdsSeen;
  private final List<KeyId> keyIdsRequired;
  private final transient Hash expected;
  private final transient Hash actual;

  AttestationVerificationException(Reason reason, String message, List<KeyId> keyIdsSeen,
      List<KeyId> keyIdsRequired, Hash expected, Hash actual, Throwable cause) {
    super(reason + ": " + message + " (envelope key ids " + keyIdsSeen + ", required "
        + keyIdsRequired + (expected == null ? "" : ", expected " + expected + ", actual "
        + actual) + ")", cause);
    this.reason = reason;
    this.keyIdsSeen = List.copyOf(keyIdsSeen);
    this.keyIdsRequired = List.copyOf(keyIdsRequired);
    this.expected = expected;
    this.actual = actual;
  }

  static AttestationVerificationException of(Reason reason, String message) {
    return new AttestationVerificationException(reason, message, List.of(), List.of(), null, null,
        null);
  }

  static AttestationVerificationException digestMismatch(String message, Hash expected,
      Hash actual) {
    return new AttestationVerificationException(Reason.SUBJECT_DIGEST_MISMATCH, message,
        List.of(), List.of(), expected, actual, null);
  }

  public Reason reason() {
    return reason;
  }

  /** Every key id the envelope's signatures named, sorted. */
  public List<KeyId> keyIdsSeen() {
    return keyIdsSeen;
  }

  /** The trusted or required key ids the caller supplied, sorted. */
  public List<KeyId> keyIdsRequired() {
    return keyIdsRequired;
  }

  /** For {@link Reason#SUBJECT_DIGEST_MISMATCH}: the digest the subject states. */
  public Optional<Hash> expected() {
    return Optional.ofNullable(expected);
  }

  /** For {@link Reason#SUBJECT_DIGEST_MISMATCH}: the digest computed from the predicate. */
  public Optional<Hash> actual() {
    return Optional.ofNullable(actual);
  }
}
