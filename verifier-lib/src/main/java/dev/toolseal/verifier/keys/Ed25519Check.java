package dev.toolseal.verifier.keys;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The RFC 8032 Ed25519 check through BouncyCastle ({@code math.ec.rfc8032}), several times
 * faster than JDK 17's {@code Signature("Ed25519")}. Both refuse S >= L and a non-canonical R and
 * judge every RFC 8032 vector and single bit flip alike ({@code Ed25519CheckTest}). One
 * difference, a tightening: BouncyCastle refuses every signature under a public key of small
 * order (which has no secret; JDK 17 accepts forgeries such as R = identity, S = 0 under the
 * identity key). Public for the checkpoint note signatures ({@code log.CheckpointOpener}); keys
 * are checked through {@link VerificationKey}.
 */
public final class Ed25519Check {
  private Ed25519Check() {}

  /** Whether {@code sig} (64 bytes) is a valid signature of {@code message} under {@code key}. */
  public static boolean verify(byte[] key, byte[] message, byte[] sig) {
    if (key.length != Ed25519.PUBLIC_KEY_SIZE || sig.length != Ed25519.SIGNATURE_SIZE) {
      return false;
    }
    return Ed25519.verify(sig, 0, key, 0, message, 0, message.length);
  }
}
