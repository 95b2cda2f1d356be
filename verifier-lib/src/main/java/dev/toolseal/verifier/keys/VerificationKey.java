package dev.toolseal.verifier.keys;

import java.io.IOException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1Integer;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A public key that can check signatures: Ed25519 or ECDSA P-256. Built only from a strict DER
 * SubjectPublicKeyInfo (exactly the DER encoding, uncompressed P-256 points on the curve), so one
 * key has one SPKI and one {@link KeyId}. Verification throws; it never returns a boolean.
 */
public final class VerificationKey {
  /** Upper bound on an SPKI we accept; both supported encodings are under 100 bytes. */
  public static final int MAX_SPKI_BYTES = 1024;

  static final BigInteger P256_ORDER = CustomNamedCurves.getByOID(X9ObjectIdentifiers.prime256v1)
      .getN();

  private final KeyAlgorithm algorithm;
  private final byte[] spki;
  private final KeyId keyId;
  private final PublicKey jcaKey;
  /** The raw 32-byte Ed25519 key for {@link Ed25519Check}; null for P-256. */
  private final byte[] ed25519Key;

  private VerificationKey(KeyAlgorithm algorithm, byte[] spki, PublicKey jcaKey,
      byte[] ed25519Key) {
    this.algorithm = algorithm;
    this.spki = spki;
    this.keyId = KeyId.ofSpki(spki);
    this.jcaKey = jcaKey;
    this.ed25519Key = ed25519Key;
  }

  /** Parses a DER SubjectPublicKeyInfo of an Ed25519 or P-256 key. */
  public static VerificationKey fromSpki(byte[] spkiDer) throws KeyFormatException {
    if (spkiDer == null || spkiDer.length == 0) {
      throw new KeyFormatException(KeyFormatException.Reason.MALFORMED, "empty public key");
    }
    if (spkiDer.length > MAX_SPKI_BYTES) {
      throw new KeyFormatException(KeyFormatException.Reason.TOO_LARGE, "public key too large");
    }
    byte[] der = spkiDer.clone();
    SubjectPublicKeyInfo info;
    try {
      info = SubjectPublicKeyInfo.getInstance(ASN1Primitive.fromByteArray(der));
      if (!Arrays.equals(der, info.getEncoded(ASN1Encoding.DER))) {
        throw new KeyFormatException(KeyFormatException.Reason.MALFORMED,
            "public key is not in DER form");
      }
    } catch (IOException | RuntimeException e) {
      throw new KeyFormatException(KeyFormatException.Reason.MALFORMED,
          "not a DER SubjectPublicKeyInfo", e);
    }
    KeyAlgorithm algorithm = algorithmOf(info.getAlgorithm());
    if (info.getPublicKeyData().getPadBits() != 0) {
      throw new KeyFormatException(KeyFormatException.Reason.MALFORMED, "bad public key bits");
    }
    byte[] keyBits = info.getPublicKeyData().getOctets();
    if (algorithm == KeyAlgorithm.ED25519 && keyBits.length != 32) {
      throw new KeyFormatException(KeyFormatException.Reason.INVALID_KEY,
          "an Ed25519 public key is 32 bytes");
    }
    if (algorithm == KeyAlgorithm.ECDSA_P256_SHA256) {
      checkP256Point(keyBits);
    }
    try {
      PublicKey key = KeyFactory.getInstance(algorithm.jcaKeyAlgorithm())
          .generatePublic(new X509EncodedKeySpec(der));
      return new VerificationKey(algorithm, der, key,
          algorithm == KeyAlgorithm.ED25519 ? keyBits : null);
    } catch (GeneralSecurityException e) {
      throw new KeyFormatException(KeyFormatException.Reason.INVALID_KEY,
          "public key refused by the JDK", e);
    }
  }

  static KeyAlgorithm algorithmOf(AlgorithmIdentifier id) throws KeyFormatException {
    ASN1ObjectIdentifier oid = id.getAlgorithm();
    if (oid.equals(EdECObjectIdentifiers.id_Ed25519) && id.getParameters() == null) {
      return KeyAlgorithm.ED25519;
    }
    if (oid.equals(X9ObjectIdentifiers.id_ecPublicKey)
        && X9ObjectIdentifiers.prime256v1.equals(id.getParameters())) {
      return KeyAlgorithm.ECDSA_P256_SHA256;
    }
    throw new KeyFormatException(KeyFormatException.Reason.UNSUPPORTED_ALGORITHM,
        "only Ed25519 and ECDSA P-256 (named curve) keys are supported");
  }

  private static void checkP256Point(byte[] encoded) throws KeyFormatException {
    if (encoded.length != 65 || encoded[0] != 0x04) {
      throw new KeyFormatException(KeyFormatException.Reason.INVALID_KEY,
          "a P-256 public key is an uncompressed 65-byte point");
    }
    try {
      ECPoint p = CustomNamedCurves.getByOID(X9ObjectIdentifiers.prime256v1).getCurve()
          .decodePoint(encoded);
      if (p.isInfinity() || !p.isValid()) {
        throw new KeyFormatException(KeyFormatException.Reason.INVALID_KEY, "invalid P-256 point");
      }
    } catch (RuntimeException e) {
      throw new KeyFormatException(KeyFormatException.Reason.INVALID_KEY,
          "P-256 point is not on the curve", e);
    }
  }

  public KeyAlgorithm algorithm() {
    return algorithm;
  }

  /** A copy of the DER SubjectPublicKeyInfo. */
  public byte[] spki() {
    return spki.clone();
  }

  public KeyId keyId() {
    return keyId;
  }

  /**
   * Checks {@code signature} over {@code message}.
   *
   * @throws SignatureVerificationException if the signature is malformed or does not verify
   */
  public void verify(byte[] message, byte[] signature) throws SignatureVerificationException {
    if (message == null || signature == null) {
      throw new SignatureVerificationException(keyId, "missing message or signature");
    }
    checkSignatureEncoding(signature);
    boolean ok;
    if (ed25519Key != null) {
      if (!Ed25519Check.verify(ed25519Key, message, signature)) {
        throw new SignatureVerificationException(keyId, "signature does not verify");
      }
      return;
    }
    try {
      Signature s = Signature.getInstance(algorithm.jcaSignatureAlgorithm());
      s.initVerify(jcaKey);
      s.update(message);
      ok = s.verify(signature);
    } catch (GeneralSecurityException | RuntimeException e) {
      throw new SignatureVerificationException(keyId, "signature check failed", e);
    }
    if (!ok) {
      throw new SignatureVerificationException(keyId, "signature does not verify");
    }
  }

  /** Ed25519: exactly 64 bytes. ECDSA: strict DER SEQUENCE of two INTEGERs in [1, n-1]. */
  private void checkSignatureEncoding(byte[] sig) throws SignatureVerificationException {
    if (algorithm == KeyAlgorithm.ED25519) {
      if (sig.length != 64) {
        throw new SignatureVerificationException(keyId, "an Ed25519 signature is 64 bytes");
      }
      return;
    }
    if (sig.length < 8 || sig.length > 72) {
      throw new SignatureVerificationException(keyId, "bad ECDSA signature length");
    }
    try {
      ASN1Sequence seq = ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(sig));
      if (seq.size() != 2 || !Arrays.equals(sig, seq.getEncoded(ASN1Encoding.DER))) {
        throw new SignatureVerificationException(keyId, "ECDSA signature is not strict DER");
      }
      for (int i = 0; i < 2; i++) {
        BigInteger v = ASN1Integer.getInstance(seq.getObjectAt(i)).getValue();
        if (v.signum() <= 0 || v.compareTo(P256_ORDER) >= 0) {
          throw new SignatureVerificationException(keyId, "ECDSA signature value out of range");
        }
      }
    } catch (IOException | RuntimeException e) {
      throw new SignatureVerificationException(keyId, "ECDSA signature is not DER", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof VerificationKey k && Arrays.equals(spki, k.spki);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(spki);
  }

  @Override
  public String toString() {
    return "VerificationKey[" + algorithm.wireName() + ", " + keyId.hex() + "]";
  }
}
