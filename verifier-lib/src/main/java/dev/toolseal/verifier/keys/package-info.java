/**
 * Signing keys for ToolSeal: Ed25519 (default) and ECDSA P-256 with SHA-256.
 *
 * <p>{@link dev.toolseal.verifier.keys.SigningKey} (private, never printed) and
 * {@link dev.toolseal.verifier.keys.VerificationKey} (public) are different types; signing and
 * ECDSA verifying use JDK crypto; Ed25519 verifying uses BouncyCastle's RFC 8032 code (several
 * times faster than JDK 17's, same verdicts except that it refuses small-order keys, see
 * {@code Ed25519CheckTest}); BouncyCastle also reads and writes encodings. A key is identified by
 * {@link dev.toolseal.verifier.keys.KeyId}: lowercase hex SHA-256 of its DER SubjectPublicKeyInfo.
 * Signatures: Ed25519 raw 64 bytes; ECDSA ASN.1 DER {@code SEQUENCE{r, s}} as Sigstore and in-toto
 * use. Verification throws {@link dev.toolseal.verifier.keys.SignatureVerificationException}.
 * Files: PEM "PRIVATE KEY" (PKCS#8, created 0600) and "PUBLIC KEY" (SPKI), see
 * {@link dev.toolseal.verifier.keys.PemKeys}.
 *
 * <p>Examples: {@code KeysTest} and {@code PemKeysTest}.
 */
package dev.toolseal.verifier.keys;
