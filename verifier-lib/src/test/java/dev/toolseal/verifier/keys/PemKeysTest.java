package dev.toolseal.verifier.keys;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class PemKeysTest {
  // Generated with OpenSSL 3.0.19: genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256,
  // pkey -pubout, and dgst -sha256 -sign over the ASCII bytes "toolseal".
  private static final String OPENSSL_P256_PRIVATE = """
      -----BEGIN PRIVATE KEY-----
      MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgXYIYpMOxJTQ9cHC+
      hMfTdgcWuKYIIackR8q3x0uDFQyhRANCAASP476OUKUQcGinw9Dc1fBOMBFoja1j
      ikrMJCKMsfYGqHKiRYYQapya7Q//vy74QayqpyFzuAs6Mry0KTuiBrcZ
      -----END PRIVATE KEY-----
      """;
  private static final String OPENSSL_P256_PUBLIC = """
      -----BEGIN PUBLIC KEY-----
      MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEj+O+jlClEHBop8PQ3NXwTjARaI2t
      Y4pKzCQijLH2BqhyokWGEGqcmu0P/78u+EGsqqchc7gLOjK8tCk7oga3GQ==
      -----END PUBLIC KEY-----
      """;
  private static final String OPENSSL_P256_SIG = "MEYCIQDneN+KqSpa7EY8qH8QCTAZoHGblM3ViQGz"
      + "yWDRZ8WRmwIhANo0HXCbkM/+i3KCJlN6O6AMxXzE694Dix1n7aHQZpx5";
  // RFC 8410, section 10.1 (Ed25519 public key)
  private static final String RFC8410_PUBLIC = """
      -----BEGIN PUBLIC KEY-----
      MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=
      -----END PUBLIC KEY-----
      """;

  @TempDir Path dir;

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static KeyFormatException.Reason privateReason(String pem) {
    return assertThrows(KeyFormatException.class, () -> PemKeys.parsePrivateKey(ascii(pem)))
        .reason();
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void filesRoundTripAndThePrivateFileIsCreated0600(KeyAlgorithm alg) throws Exception {
    SigningKey key = KeyPairs.generate(alg);
    Path priv = dir.resolve("key.pem");
    Path pub = dir.resolve("key.pub.pem");
    PemKeys.writePrivateKey(priv, key);
    PemKeys.writePublicKey(pub, key.verificationKey());
    assertEquals(PosixFilePermissions.fromString("rw-------"),
        Files.getPosixFilePermissions(priv));
    SigningKey back = PemKeys.readPrivateKey(priv);
    assertEquals(key.keyId(), back.keyId());
    assertEquals(key.verificationKey(), PemKeys.readPublicKey(pub));
    byte[] msg = ascii("m");
    assertDoesNotThrow(() -> key.verificationKey().verify(msg, back.sign(msg)));
    assertThrows(FileAlreadyExistsException.class, () -> PemKeys.writePrivateKey(priv, key));
    assertEquals(KeyFormatException.Reason.WRONG_KEY_KIND,
        assertThrows(KeyFormatException.class, () -> PemKeys.readPrivateKey(pub)).reason());
    assertEquals(KeyFormatException.Reason.WRONG_KEY_KIND,
        assertThrows(KeyFormatException.class, () -> PemKeys.readPublicKey(priv)).reason());
  }

  @Test
  void readsOpenSslP256KeysAndVerifiesAnOpenSslSignature() throws Exception {
    SigningKey priv = PemKeys.parsePrivateKey(ascii(OPENSSL_P256_PRIVATE));
    VerificationKey pub = PemKeys.parsePublicKey(ascii(OPENSSL_P256_PUBLIC));
    assertEquals(pub, priv.verificationKey());
    assertEquals(KeyAlgorithm.ECDSA_P256_SHA256, pub.algorithm());
    assertDoesNotThrow(() -> pub.verify(ascii("toolseal"),
        Base64.getDecoder().decode(OPENSSL_P256_SIG)));
    assertThrows(SignatureVerificationException.class,
        () -> pub.verify(ascii("toolseaL"), Base64.getDecoder().decode(OPENSSL_P256_SIG)));
    assertEquals(PemKeys.publicKeyPem(pub).strip(), OPENSSL_P256_PUBLIC.strip());
  }

  @Test
  void readsTheRfc8410PublicKey() throws Exception {
    VerificationKey k = PemKeys.parsePublicKey(ascii(RFC8410_PUBLIC));
    assertEquals(KeyAlgorithm.ED25519, k.algorithm());
  }

  @Test
  void refusesEncryptedUnknownAndWrongTypes() {
    String body = OPENSSL_P256_PRIVATE.lines().filter(l -> !l.startsWith("-----"))
        .reduce("", (a, b) -> a + b + "\n");
    assertEquals(KeyFormatException.Reason.ENCRYPTED, privateReason(
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\n" + body + "-----END ENCRYPTED PRIVATE KEY-----\n"));
    assertEquals(KeyFormatException.Reason.ENCRYPTED, privateReason(
        "-----BEGIN EC PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,00\n\n"
            + body + "-----END EC PRIVATE KEY-----\n"));
    assertEquals(KeyFormatException.Reason.UNKNOWN_PEM_TYPE, privateReason(
        "-----BEGIN EC PRIVATE KEY-----\n" + body + "-----END EC PRIVATE KEY-----\n"));
    assertEquals(KeyFormatException.Reason.UNKNOWN_PEM_TYPE, privateReason(
        "-----BEGIN OPENSSH PRIVATE KEY-----\n" + body + "-----END OPENSSH PRIVATE KEY-----\n"));
    assertEquals(KeyFormatException.Reason.WRONG_KEY_KIND, privateReason(OPENSSL_P256_PUBLIC));
    assertEquals(KeyFormatException.Reason.WRONG_KEY_KIND, assertThrows(
        KeyFormatException.class, () -> PemKeys.parsePublicKey(ascii(OPENSSL_P256_PRIVATE)))
        .reason());
  }

  @Test
  void refusesGarbage() {
    for (String garbage : new String[] {"", "hello", "-----BEGIN PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\n!!!!\n-----END PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n",
        "-----BEGIN PRIVATE KEY-----\nMIGH\n-----END PUBLIC KEY-----\n",
        "junk\n" + OPENSSL_P256_PRIVATE, OPENSSL_P256_PRIVATE + OPENSSL_P256_PRIVATE,
        OPENSSL_P256_PRIVATE.replace('M', '\u00e9'), OPENSSL_P256_PRIVATE + "junk-----",
        OPENSSL_P256_PRIVATE.replace("-----END", "junk\n-----END"),
        OPENSSL_P256_PRIVATE.replace("-----END PRIVATE KEY-----", "-----END PRIVATE KEY-----x")}) {
      KeyFormatException e = assertThrows(KeyFormatException.class,
          () -> PemKeys.parsePrivateKey(garbage.getBytes(StandardCharsets.UTF_8)));
      assertEquals(true, e.reason() == KeyFormatException.Reason.MALFORMED
          || e.reason() == KeyFormatException.Reason.INVALID_KEY, e.reason()::toString);
    }
  }

  @Test
  void refusesOversizedFilesBeforeParsing() throws Exception {
    Path big = dir.resolve("big.pem");
    Files.write(big, new byte[PemKeys.MAX_PEM_BYTES + 1]);
    assertEquals(KeyFormatException.Reason.TOO_LARGE,
        assertThrows(KeyFormatException.class, () -> PemKeys.readPrivateKey(big)).reason());
    assertEquals(KeyFormatException.Reason.TOO_LARGE,
        assertThrows(KeyFormatException.class, () -> PemKeys.readPublicKey(big)).reason());
  }
}
