package dev.toolseal.tlog.note;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An Ed25519 witness cosigner key (C2SP tlog-cosignature, signature type 0x04). A cosignature is
 * {@code timestamp (u64 big-endian, at most 2^63-1) || Ed25519 signature} over the message
 * {@code "cosignature/v1\ntime <timestamp>\n" || note text}. The verifier key string is
 * {@code name+hexid+base64(0x04||publickey)}. Signatures are checked with {@link
 * SignatureCheck#JDK} unless another implementation is given through {@link #withCheck}; equality
 * depends only on the key.
 */
public final class CosignatureVerifier implements Verifier {
  /** Signature type byte of Ed25519 cosignatures. */
  public static final byte TYPE = 0x04;
  static final int SIGNATURE_SIZE = 8 + Ed25519.SIGNATURE_SIZE;

  private final NamedKey key;
  private final SignatureCheck check;

  private CosignatureVerifier(NamedKey key, SignatureCheck check) {
    this.key = key;
    this.check = check;
  }

  /**
   * A cosigner verifier for {@code name} and a raw 32-byte Ed25519 public key.
   *
   * @throws KeyFormatException if the name is invalid or the key is not a canonical encoding
   */
  public static CosignatureVerifier of(String name, byte[] publicKey) throws KeyFormatException {
    return new CosignatureVerifier(NamedKey.of(name, TYPE, publicKey), SignatureCheck.JDK);
  }

  /**
   * Parses a verifier key string of type 0x04.
   *
   * @throws KeyFormatException if malformed, of another type, or the ID does not match the key
   */
  public static CosignatureVerifier parse(String verifierKey) throws KeyFormatException {
    return fromKeyString(KeyString.parseVerifier(verifierKey));
  }

  static CosignatureVerifier fromKeyString(KeyString k) throws KeyFormatException {
    return new CosignatureVerifier(NamedKey.of(k, TYPE), SignatureCheck.JDK);
  }

  /**
   * The timestamp (seconds since the epoch) of a cosignature by this key type, or -1 if the
   * signature is not 72 bytes or its timestamp exceeds 2^63-1. Meaningful only for a verified
   * signature.
   */
  public static long timestamp(NoteSignature signature) {
    byte[] sig = signature.signature();
    return sig.length == SIGNATURE_SIZE ? ByteBuffer.wrap(sig).getLong() : -1;
  }

  /** The message a cosignature at {@code timestamp} signs over {@code text}. */
  static byte[] message(long timestamp, byte[] text) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(text.length + 40);
    out.writeBytes(("cosignature/v1\ntime " + timestamp + "\n").getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(text);
    return out.toByteArray();
  }

  /** The same key, its signatures checked by {@code check}. */
  public CosignatureVerifier withCheck(SignatureCheck check) {
    if (check == null) {
      throw new IllegalArgumentException("a signature check is required");
    }
    return new CosignatureVerifier(key, check);
  }

  @Override
  public String name() {
    return key.name();
  }

  @Override
  public int keyId() {
    return key.keyId();
  }

  /** A copy of the raw 32-byte public key. */
  public byte[] publicKey() {
    return key.publicKey();
  }

  @Override
  public void verify(byte[] text, byte[] signature) throws InvalidSignatureException {
    if (signature.length != SIGNATURE_SIZE) {
      throw new InvalidSignatureException(key.name(), key.keyId());
    }
    long timestamp = ByteBuffer.wrap(signature).getLong();
    byte[] sig = Arrays.copyOfRange(signature, 8, SIGNATURE_SIZE);
    if (timestamp < 0 || !check.verify(key.publicKey(), message(timestamp, text), sig)) {
      throw new InvalidSignatureException(key.name(), key.keyId());
    }
  }

  @Override
  public String verifierKey() {
    return key.verifierKey();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CosignatureVerifier v && key.equals(v.key);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  @Override
  public String toString() {
    return key.verifierKey();
  }
}
