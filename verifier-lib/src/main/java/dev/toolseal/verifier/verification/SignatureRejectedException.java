package dev.toolseal.verifier.verification;

import dev.toolseal.verifier.VerificationException;
import dev.toolseal.verifier.attest.AttestationVerificationException;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.log.LeafKind;
import java.util.List;

/**
 * An attestation the verification depends on is not validly signed by a key the policy trusts
 * for it. Carries which attestation, every key id its envelope named, the key ids that would
 * have been accepted, and the attestation verifier's exception as cause.
 */
public final class SignatureRejectedException extends VerificationException {
  private static final long serialVersionUID = 1L;

  /** What is wrong with the signature. */
  public enum Problem {
    /** A signature claiming a trusted key id does not verify: forged or corrupted. */
    FORGED,
    /** Signed, but not by any key trusted for this role (wrong key). */
    UNTRUSTED_KEY,
    /** Signed by a trusted key, but the statement does not hold together (digest, type). */
    INVALID_STATEMENT
  }

  private final LeafKind role;
  private final Problem problem;
  private final List<KeyId> keyIdsSeen;
  private final List<KeyId> keyIdsTrusted;

  SignatureRejectedException(LeafKind role, Problem problem, List<KeyId> keyIdsSeen,
      List<KeyId> keyIdsTrusted, String message, AttestationVerificationException cause) {
    super(message, cause);
    this.role = role;
    this.problem = problem;
    this.keyIdsSeen = List.copyOf(keyIdsSeen);
    this.keyIdsTrusted = List.copyOf(keyIdsTrusted);
  }

  /** Which attestation: release, review, key binding or revocation. */
  public LeafKind role() {
    return role;
  }

  public Problem problem() {
    return problem;
  }

  /** Key ids named by the envelope's signatures. */
  public List<KeyId> keyIdsSeen() {
    return keyIdsSeen;
  }

  /** Key ids the policy would accept for this role. */
  public List<KeyId> keyIdsTrusted() {
    return keyIdsTrusted;
  }
}
