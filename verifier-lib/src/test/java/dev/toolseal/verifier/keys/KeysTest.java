package dev.toolseal.verifier.keys;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.spec.ECGenParameterSpec;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

class KeysTest {
  private static final byte[] MSG = "tools/list".getBytes(StandardCharsets.UTF_8);

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void signThenVerifyRoundTrips(KeyAlgorithm alg) {
    SigningKey key = KeyPairs.generate(alg);
    assertEquals(alg, key.algorithm());
    byte[] sig = key.sign(MSG);
    assertDoesNotThrow(() -> key.verificationKey().verify(MSG, sig));
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void wrongKeyIsRejectedWithItsKeyId(KeyAlgorithm alg) {
    SigningKey signer = KeyPairs.generate(alg);
    VerificationKey other = KeyPairs.generate(alg).verificationKey();
    SignatureVerificationException e = assertThrows(SignatureVerificationException.class,
        () -> other.verify(MSG, signer.sign(MSG)));
    assertEquals(other.keyId(), e.keyId());
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void aFlippedBitInEveryByteOfTheSignatureOrMessageIsRejected(KeyAlgorithm alg) {
    // one bit per byte (bit i % 8 of byte i), not all eight: pure-Java verification is slow
    SigningKey key = KeyPairs.generate(alg);
    VerificationKey pub = key.verificationKey();
    byte[] sig = key.sign(MSG);
    for (int i = 0; i < sig.length; i++) {
      byte[] forged = sig.clone();
      forged[i] ^= (byte) (1 << (i % 8));
      assertThrows(SignatureVerificationException.class, () -> pub.verify(MSG, forged));
    }
    for (int i = 0; i < MSG.length; i++) {
      byte[] other = MSG.clone();
      other[i] ^= (byte) (1 << (i % 8));
      assertThrows(SignatureVerificationException.class, () -> pub.verify(other, sig));
    }
  }

  @Test
  void ecdsaAcceptsOnlyDerNotRawRs() {
    SigningKey key = KeyPairs.generate(KeyAlgorithm.ECDSA_P256_SHA256);
    byte[] raw = new byte[64];
    raw[31] = 1;
    raw[63] = 1;
    assertThrows(SignatureVerificationException.class,
        () -> key.verificationKey().verify(MSG, raw));
    assertThrows(SignatureVerificationException.class,
        () -> key.verificationKey().verify(MSG, new byte[0]));
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void keyIdIsLowercaseHexSha256OfSpki(KeyAlgorithm alg) throws Exception {
    VerificationKey pub = KeyPairs.generate(alg).verificationKey();
    String expected = HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(pub.spki()));
    assertEquals(expected, pub.keyId().hex());
    assertEquals(pub.keyId(), KeyId.parse(expected));
    assertThrows(KeyFormatException.class, () -> KeyId.parse(expected.toUpperCase()));
    assertThrows(KeyFormatException.class, () -> KeyId.parse(expected.substring(2)));
    assertEquals(pub, VerificationKey.fromSpki(pub.spki()));
  }

  @Test
  void rfc8032TestVector1() throws Exception {
    // RFC 8032, section 7.1, TEST 1 (empty message)
    HexFormat hex = HexFormat.of();
    byte[] pkcs8 = hex.parseHex("302e020100300506032b657004220420"
        + "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    SigningKey key = SigningKey.fromPkcs8(pkcs8);
    byte[] spki = key.verificationKey().spki();
    assertEquals("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        hex.formatHex(spki, spki.length - 32, spki.length));
    assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
        + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
        hex.formatHex(key.sign(new byte[0])));
  }

  @Test
  void unsupportedKeysAreRefused() throws Exception {
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024); // small: only its algorithm matters here
    KeyFormatException e1 = assertThrows(KeyFormatException.class,
        () -> VerificationKey.fromSpki(rsa.generateKeyPair().getPublic().getEncoded()));
    assertEquals(KeyFormatException.Reason.UNSUPPORTED_ALGORITHM, e1.reason());
    KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
    ec.initialize(new ECGenParameterSpec("secp384r1"));
    java.security.KeyPair p384 = ec.generateKeyPair();
    assertEquals(KeyFormatException.Reason.UNSUPPORTED_ALGORITHM, assertThrows(
        KeyFormatException.class,
        () -> VerificationKey.fromSpki(p384.getPublic().getEncoded())).reason());
    assertEquals(KeyFormatException.Reason.UNSUPPORTED_ALGORITHM, assertThrows(
        KeyFormatException.class,
        () -> SigningKey.fromPkcs8(p384.getPrivate().getEncoded())).reason());
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void everySingleByteChangeOfTheSpkiIsRefusedOrIsAnotherValidKey(KeyAlgorithm alg) {
    byte[] spki = KeyPairs.generate(alg).verificationKey().spki();
    for (int i = 0; i < spki.length; i++) {
      byte[] m = spki.clone();
      m[i] ^= 0x01;
      try {
        VerificationKey k = VerificationKey.fromSpki(m);
        // only the key bits may change and still parse: then it is a different key
        assertArrayEquals(m, k.spki());
        assertNotEquals(KeyId.ofSpki(spki), k.keyId());
      } catch (KeyFormatException expected) {
        assertFalse(expected.getMessage().isEmpty());
      }
    }
  }
}
