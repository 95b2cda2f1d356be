package dev.toolseal.tlog.note;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One signature line of a note: {@code — <keyName> base64(keyId || signature)}. The signature
 * bytes are copied in and out.
 */
public record NoteSignature(String keyName, int keyId, byte[] signature) {
  public NoteSignature {
    Objects.requireNonNull(keyName, "keyName");
    if (!KeyNames.isValid(keyName)) {
      throw new IllegalArgumentException("invalid key name");
    }
    if (signature.length == 0) {
      throw new IllegalArgumentException("empty signature");
    }
    signature = signature.clone();
  }

  @Override
  public byte[] signature() {
    return signature.clone();
  }

  /** The base64 field of the signature line: key ID (big-endian) then signature. */
  public String base64() {
    return StrictBase64.encode(
        ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array());
  }

  /** The complete signature line, em dash to newline. */
  public String line() {
    return "\u2014 " + keyName + " " + base64() + "\n";
  }

  /** True if this signature is by the key with {@code verifier}'s name and key ID. */
  public boolean isBy(Verifier verifier) {
    return keyName.equals(verifier.name()) && keyId == verifier.keyId();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NoteSignature s && keyName.equals(s.keyName) && keyId == s.keyId
        && Arrays.equals(signature, s.signature);
  }

  @Override
  public int hashCode() {
    return Objects.hash(keyName, keyId, Arrays.hashCode(signature));
  }

  @Override
  public String toString() {
    return "NoteSignature[" + keyName + "+" + KeyNames.hex(keyId) + "]";
  }
}
