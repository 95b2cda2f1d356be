package dev.toolseal.verifier.keys;

import java.io.IOException;
import java.math.BigInteger;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import org.bouncycastle.asn1.ASN1Encoding;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.edec.EdECObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * A private key that signs: Ed25519 or ECDSA P-256 (DER signatures). It carries its
 * {@link VerificationKey}. {@link #toString()} names only the algorithm and the key id, and no
 * public method returns the secret; {@link PemKeys} writes it to a file with mode 0600.
 */
public final class SigningKey {
  /** Upper bound on a PKCS#8 encoding we accept. */
  static final int MAX_PKCS8_BYTES = 1024;

  private final PrivateKey jcaKey;
  private final VerificationKey verificationKey;

  private SigningKey(PrivateKey jcaKey, VerificationKey verificationKey) {
    this.jcaKey = jcaKey;
    this.verificationKey = verificationKey;
  }

  static SigningKey of(PrivateKey jcaKey, VerificationKey verificationKey) {
    return new SigningKey(jcaKey, verificationKey);
  }

  /**
   * Parses a DER PKCS#8 PrivateKeyInfo (v1, or v2 with a public key that must match) of an
   * Ed25519 or P-256 key and derives its public key. Errors never include key bytes.
   */
  public static SigningKey fromPkcs8(byte[] pkcs8Der) throws KeyFormatException {
    if (pkcs8Der == null || pkcs8Der.length == 0 || pkcs8Der.length > MAX_PKCS8_BYTES) {
      throw new KeyFormatException(KeyFormatException.Reason.MALFORMED,
          "private key is empty or too large");
    }
    PrivateKeyInfo info;
    try {
      info = PrivateKeyInfo.getInstance(ASN1Primitive.fromByteArray(pkcs8Der));
    } catch (IOException | RuntimeException e) {
      // no cause: parser messages might quote input bytes
      throw new KeyFormatException(KeyFormatException.Reason.MALFORMED, "not a DER PKCS#8 key");
    }
    KeyAlgorithm algorithm = VerificationKey.algorithmOf(info.getPrivateKeyAlgorithm());
    try {
      return algorithm == KeyAlgorithm.ED25519 ? ed25519(info) : p256(info);
    } catch (IOException | GeneralSecurityException | RuntimeException e) {
      throw new KeyFormatException(KeyFormatException.Reason.INVALID_KEY,
          "private key could not be decoded");
    }
  }

  private static SigningKey ed25519(PrivateKeyInfo info)
      throws IOException, GeneralSecurityException, KeyFormatException {
    byte[] seed = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
    if (seed.length != Ed25519PrivateKeyParameters.KEY_SIZE) {
      throw new KeyFormatException(KeyFormatException.Reason.INVALID_KEY,
          "an Ed25519 private key is 32 bytes");
    }
    byte[] pub = new Ed25519PrivateKeyParameters(seed, 0).generatePublicKey().getEncoded();
    checkEmbeddedPublicKey(info, pub);
    byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519),
        pub).getEncoded(ASN1Encoding.DER);
    byte[] normalised = new PrivateKeyInfo(
        new AlgorithmIdentifier(EdECObjectIdentifiers.id_Ed25519), new DEROctetString(seed))
        .getEncoded(ASN1Encoding.DER);
    Arrays.fill(seed, (byte) 0);
    PrivateKey key = KeyFactory.getInstance("Ed25519")
        .generatePrivate(new PKCS8EncodedKeySpec(normalised));
    Arrays.fill(normalised, (byte) 0);
    return new SigningKey(key, VerificationKey.fromSpki(spki));
  }

  private static SigningKey p256(PrivateKeyInfo info)
      throws IOException, GeneralSecurityException, KeyFormatException {
    ECPrivateKey sec1 = ECPrivateKey.getInstance(info.parsePrivateKey());
    if (sec1.getParametersObject() != null
        && !X9ObjectIdentifiers.prime256v1.equals(sec1.getParametersObject())) {
      throw new KeyFormatException(KeyFormatException.Reason.UNSUPPORTED_ALGORITHM,
          "EC private key is not on P-256");
    }
    BigInteger d = sec1.getKey();
    if (d.signum() <= 0 || d.compareTo(VerificationKey.P256_ORDER) >= 0) {
      throw new KeyFormatException(KeyFormatException.Reason.INVALID_KEY,
          "P-256 private scalar out of range");
    }
    byte[] point = new FixedPointCombMultiplier()
        .multiply(CustomNamedCurves.getByOID(X9ObjectIdentifiers.prime256v1).getG(), d)
        .normalize().getEncoded(false);
    if (sec1.getPublicKey() != null && !Arrays.equals(point, sec1.getPublicKey().getOctets())) {
      throw new KeyFormatException(KeyFormatException.Reason.INVALID_KEY,
          "embedded public key does not match the private key");
    }
    checkEmbeddedPublicKey(info, point);
    byte[] spki = new SubjectPublicKeyInfo(new AlgorithmIdentifier(
        X9ObjectIdentifiers.id_ecPublicKey, X9ObjectIdentifiers.prime256v1), point)
        .getEncoded(ASN1Encoding.DER);
    AlgorithmParameters params = AlgorithmParameters.getInstance("EC");
    params.init(new ECGenParameterSpec("secp256r1"));
    PrivateKey key = KeyFactory.getInstance("EC").generatePrivate(
        new ECPrivateKeySpec(d, params.getParameterSpec(ECParameterSpec.class)));
    return new SigningKey(key, VerificationKey.fromSpki(spki));
  }

  private static void checkEmbeddedPublicKey(PrivateKeyInfo info, byte[] derived)
      throws KeyFormatException {
    if (info.getPublicKeyData() != null
        && !Arrays.equals(derived, info.getPublicKeyData().getOctets())) {
      throw new KeyFormatException(KeyFormatException.Reason.INVALID_KEY,
          "embedded public key does not match the private key");
    }
  }

  public KeyAlgorithm algorithm() {
    return verificationKey.algorithm();
  }

  public KeyId keyId() {
    return verificationKey.keyId();
  }

  /** The matching public key. */
  public VerificationKey verificationKey() {
    return verificationKey;
  }

  /** Signs {@code message}: 64 raw bytes for Ed25519, DER {@code SEQUENCE{r, s}} for ECDSA. */
  public byte[] sign(byte[] message) {
    try {
      Signature s = Signature.getInstance(algorithm().jcaSignatureAlgorithm());
      s.initSign(jcaKey);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("signing with a validated key failed", e);
    }
  }

  /** The PKCS#8 DER encoding; package-private so only {@link PemKeys} can write it out. */
  byte[] pkcs8() {
    return jcaKey.getEncoded();
  }

  @Override
  public String toString() {
    return "SigningKey[" + algorithm().wireName() + ", " + keyId().hex() + "]";
  }
}
