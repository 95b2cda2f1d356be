package dev.toolseal.tlog.note;

/**
 * The RFC 8032 Ed25519 check under a note verifier: whether {@code signature} (64 bytes) is a
 * valid signature of {@code message} under the raw 32-byte {@code publicKey}. {@link #JDK} (the
 * JDK's SunEC provider) is the default; a caller with a faster implementation of the same check
 * hands it to {@link NoteVerifier#withCheck} or {@link CosignatureVerifier#withCheck}, so that
 * this module stays free of dependencies. An implementation must return false, never throw, for
 * any input it refuses, and must refuse at least what RFC 8032 verification refuses (S >= L, a
 * non-canonical R); it may be stricter (e.g. refusing keys of small order).
 */
@FunctionalInterface
public interface SignatureCheck {
  /** The JDK's Ed25519. */
  SignatureCheck JDK = Ed25519::verify;

  /** Whether {@code signature} is valid for {@code message} under {@code publicKey}. */
  boolean verify(byte[] publicKey, byte[] message, byte[] signature);
}
