package dev.toolseal.verifier.verification;

import dev.toolseal.verifier.VerificationException;
import dev.toolseal.verifier.keys.KeyId;
import java.util.Optional;

/**
 * The release was signed by a key whose only binding to the namespace does not count under
 * {@code LOGGED} trust because it carries no ownership proof (docs/design/roots-of-trust.md,
 * section 2): either the policy does not accept unproven bindings, or the binding was logged
 * after a revocation of a key of the namespace, where a proof is required whatever the policy
 * says. The revocation, when there is one, is the earliest such revocation before the binding.
 * A rotation signed by such a key rejects the whole verification with this exception too (its
 * cause is the rotation's {@link SignatureRejectedException}), as a rotation by any key the
 * namespace's chain does not hold does.
 */
public final class UnprovenBindingException extends VerificationException {
  private static final long serialVersionUID = 1L;
  private final String namespace;
  private final KeyId keyId;
  private final long bindingIndex;
  private final Long revocationIndex;
  private final transient KeyId revokedKeyId;

  UnprovenBindingException(String namespace, KeyId keyId, long bindingIndex,
      Optional<Long> revocationIndex, Optional<KeyId> revokedKeyId, String message,
      Throwable cause) {
    super(message, cause);
    this.namespace = namespace;
    this.keyId = keyId;
    this.bindingIndex = bindingIndex;
    this.revocationIndex = revocationIndex.orElse(null);
    this.revokedKeyId = revokedKeyId.orElse(null);
  }

  /** The namespace the key was bound to. */
  public String namespace() {
    return namespace;
  }

  /** The bound key (the release's signer). */
  public KeyId keyId() {
    return keyId;
  }

  /** Log index of the unproven binding. */
  public long bindingIndex() {
    return bindingIndex;
  }

  /**
   * Log index of the revocation of a key of the namespace logged before the binding (in another
   * log: any index), if that is why a proof was required; empty if the policy alone refused.
   */
  public Optional<Long> revocationIndex() {
    return Optional.ofNullable(revocationIndex);
  }

  /** The key that revocation names, with {@link #revocationIndex()}. */
  public Optional<KeyId> revokedKeyId() {
    return Optional.ofNullable(revokedKeyId);
  }
}
