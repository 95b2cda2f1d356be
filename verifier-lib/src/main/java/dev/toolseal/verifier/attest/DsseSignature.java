package dev.toolseal.verifier.attest;

import dev.toolseal.verifier.keys.KeyId;
import java.util.Arrays;
import java.util.Base64;

/**
 * One entry of a DSSE envelope's {@code signatures}: the signer's key id and the signature
 * bytes over the envelope's PAE.
 *
 * @param keyId the {@link KeyId} of the key that claims to have signed (required in ToolSeal)
 * @param sig the signature bytes (copied in and out)
 */
public record DsseSignature(KeyId keyId, byte[] sig) {
  /** Upper bound on one signature (a DER P-256 signature is at most 72 bytes). */
  public static final int MAX_SIG_BYTES = 512;

  public DsseSignature {
    if (keyId == null || sig == null || sig.length == 0 || sig.length > MAX_SIG_BYTES) {
      throw new IllegalArgumentException("a signature needs a key id and 1.."
          + MAX_SIG_BYTES + " bytes");
    }
    sig = sig.clone();
  }

  @Override
  public byte[] sig() {
    return sig.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DsseSignature s && keyId.equals(s.keyId) && Arrays.equals(sig, s.sig);
  }

  @Override
  public int hashCode() {
    return 31 * keyId.hashCode() + Arrays.hashCode(sig);
  }

  @Override
  public String toString() {
    return "DsseSignature[" + keyId.hex() + ", " + Base64.getEncoder().encodeToString(sig) + "]";
  }
}
