package dev.toolseal.verifier.verification;

import dev.toolseal.verifier.VerificationException;
import dev.toolseal.verifier.attest.ReleaseYank;
import dev.toolseal.verifier.keys.KeyId;

/**
 * The publisher withdrew this exact release (name, version and manifest digest) with a logged
 * yank signed by a key that was the namespace's current key at the yank's log position.
 */
public final class ReleaseYankedException extends VerificationException {
  private static final long serialVersionUID = 1L;
  private final transient ReleaseYank yank;
  private final KeyId signer;
  private final long yankIndex;

  ReleaseYankedException(ReleaseYank yank, KeyId signer, long yankIndex, String message) {
    super(message);
    this.yank = yank;
    this.signer = signer;
    this.yankIndex = yankIndex;
  }

  /** The verified yank statement, with the publisher's reason. */
  public ReleaseYank yank() {
    return yank;
  }

  /** The namespace key that signed the yank. */
  public KeyId signer() {
    return signer;
  }

  /** Log index of the yank. */
  public long yankIndex() {
    return yankIndex;
  }
}
