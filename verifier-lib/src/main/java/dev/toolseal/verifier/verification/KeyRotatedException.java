package dev.toolseal.verifier.verification;

import dev.toolseal.verifier.VerificationException;
import dev.toolseal.verifier.attest.KeyRotation;
import dev.toolseal.verifier.keys.KeyId;

/**
 * The release was signed by a key its namespace had already rotated away from: the entry was
 * logged after a verified, logged rotation of that key (or in another log than the rotation).
 * Entries the old key signed before the rotation stay valid.
 */
public final class KeyRotatedException extends VerificationException {
  private static final long serialVersionUID = 1L;
  private final transient KeyRotation rotation;
  private final long rotationIndex;
  private final long entryIndex;

  KeyRotatedException(KeyRotation rotation, long rotationIndex, long entryIndex,
      String message) {
    super(message);
    this.rotation = rotation;
    this.rotationIndex = rotationIndex;
    this.entryIndex = entryIndex;
  }

  /** The key that signed the entry and was rotated away. */
  public KeyId keyId() {
    return rotation.oldKeyId();
  }

  /** The key that replaced it. */
  public KeyId newKeyId() {
    return rotation.newKey().keyId();
  }

  /** The verified rotation statement. */
  public KeyRotation rotation() {
    return rotation;
  }

  /** Log index of the rotation. */
  public long rotationIndex() {
    return rotationIndex;
  }

  /** Log index of the entry signed by the old key. */
  public long entryIndex() {
    return entryIndex;
  }
}
