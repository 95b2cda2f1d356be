package dev.toolseal.verifier.verification;

import dev.toolseal.verifier.VerificationException;
import dev.toolseal.verifier.attest.KeyRevocation;
import dev.toolseal.verifier.keys.KeyId;

/**
 * The key that signed the release (or a required review) was revoked by a logged revocation
 * that applies to it: a {@code compromised} revocation applies to everything the key ever
 * signed; a {@code superseded} or {@code retired} one to entries logged after it.
 */
public final class KeyRevokedException extends VerificationException {
  private static final long serialVersionUID = 1L;
  private final transient KeyRevocation revocation;
  private final long revocationIndex;
  private final long entryIndex;

  KeyRevokedException(KeyRevocation revocation, long revocationIndex, long entryIndex,
      String message) {
    super(message);
    this.revocation = revocation;
    this.revocationIndex = revocationIndex;
    this.entryIndex = entryIndex;
  }

  /** The revoked key. */
  public KeyId keyId() {
    return revocation.keyId();
  }

  /** The verified revocation statement. */
  public KeyRevocation revocation() {
    return revocation;
  }

  /** Log index of the revocation. */
  public long revocationIndex() {
    return revocationIndex;
  }

  /** Log index of the entry signed by the revoked key. */
  public long entryIndex() {
    return entryIndex;
  }
}
