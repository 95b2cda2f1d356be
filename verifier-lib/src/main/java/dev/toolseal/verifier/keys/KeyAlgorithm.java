package dev.toolseal.verifier.keys;

/**
 * The signature algorithms ToolSeal keys may use.
 *
 * <p>Ed25519 signatures are the raw 64 bytes of RFC 8032. ECDSA P-256 signatures are computed
 * over SHA-256 of the message and encoded as an ASN.1 DER {@code SEQUENCE { r INTEGER, s INTEGER
 * }} (X9.62), which is what Sigstore (cosign, sigstore-go, sigstore-java) and in-toto put into
 * DSSE {@code sig} fields for ECDSA keys; the fixed-width {@code r || s} form of JWS/WebCrypto is
 * not accepted.
 */
public enum KeyAlgorithm {
  /** Ed25519 (RFC 8032, pure, no pre-hash). The default. */
  ED25519("ed25519", "Ed25519", "Ed25519"),
  /** ECDSA over NIST P-256 with SHA-256, DER-encoded signatures. */
  ECDSA_P256_SHA256("ecdsa-p256-sha256", "EC", "SHA256withECDSA");

  private final String wireName;
  private final String jcaKeyAlgorithm;
  private final String jcaSignatureAlgorithm;

  KeyAlgorithm(String wireName, String jcaKeyAlgorithm, String jcaSignatureAlgorithm) {
    this.wireName = wireName;
    this.jcaKeyAlgorithm = jcaKeyAlgorithm;
    this.jcaSignatureAlgorithm = jcaSignatureAlgorithm;
  }

  /** The name used in ToolSeal JSON documents, e.g. {@code "ed25519"}. */
  public String wireName() {
    return wireName;
  }

  /** Parses a {@link #wireName()}; exact, case-sensitive match. */
  public static KeyAlgorithm fromWireName(String name) throws KeyFormatException {
    for (KeyAlgorithm a : values()) {
      if (a.wireName.equals(name)) {
        return a;
      }
    }
    throw new KeyFormatException(KeyFormatException.Reason.UNSUPPORTED_ALGORITHM,
        "unknown key algorithm name");
  }

  String jcaKeyAlgorithm() {
    return jcaKeyAlgorithm;
  }

  String jcaSignatureAlgorithm() {
    return jcaSignatureAlgorithm;
  }
}
