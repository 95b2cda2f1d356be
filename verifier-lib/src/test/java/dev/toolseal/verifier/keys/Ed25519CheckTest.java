package dev.toolseal.verifier.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Differential tests: {@link VerificationKey#verify} for Ed25519 (BouncyCastle, {@link
 * Ed25519Check}) accepts exactly what the previous path, JDK 17's {@code Signature("Ed25519")}
 * after {@link VerificationKey#fromSpki}, accepted.
 */
class Ed25519CheckTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final byte[] SPKI_PREFIX = HEX.parseHex("302a300506032b6570032100");
  /** The group order L = 2^252 + 27742317777372353535851937790883648493 (RFC 8032, 5.1). */
  private static final BigInteger L = BigInteger.TWO.pow(252)
      .add(new BigInteger("27742317777372353535851937790883648493"));

  /** RFC 8032, 7.1, TEST 1, 2 and 3: public key, message, signature. */
  private static final String[][] RFC8032 = {
    {"d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a", "",
      "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"},
    {"3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c", "72",
      "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"},
    {"fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025", "af82",
      "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"},
  };

  @Test
  void rfc8032VectorsAreAcceptedByBoth() {
    for (String[] v : RFC8032) {
      byte[] key = HEX.parseHex(v[0]);
      byte[] msg = HEX.parseHex(v[1]);
      byte[] sig = HEX.parseHex(v[2]);
      assertTrue(jdkAccepts(key, msg, sig));
      assertTrue(nowAccepts(key, msg, sig));
    }
  }

  @Test
  void malleatedSignaturesSPlusLAreRefusedByBoth() {
    for (String[] v : RFC8032) {
      byte[] key = HEX.parseHex(v[0]);
      byte[] msg = HEX.parseHex(v[1]);
      byte[] sig = HEX.parseHex(v[2]);
      BigInteger s = littleEndian(sig, 32);
      byte[] malleated = sig.clone();
      putLittleEndian(s.add(L), malleated, 32);
      assertFalse(jdkAccepts(key, msg, malleated));
      assertFalse(nowAccepts(key, msg, malleated));
    }
  }

  @Test
  void everySingleBitFlipIsJudgedAlike() {
    byte[] msg = new byte[40];
    new Random(8032).nextBytes(msg);
    SigningKey signer = KeyPairs.generate();
    byte[] sig = signer.sign(msg);
    byte[] key = rawKey(signer.verificationKey());
    for (int part = 0; part < 3; part++) {
      byte[] target = part == 0 ? key : part == 1 ? sig : msg;
      for (int bit = 0; bit < target.length * 8; bit++) {
        target[bit / 8] ^= (byte) (1 << (bit % 8));
        assertEquals(jdkAccepts(key, msg, sig), nowAccepts(key, msg, sig),
            "part " + part + " bit " + bit);
        target[bit / 8] ^= (byte) (1 << (bit % 8));
      }
    }
    assertTrue(nowAccepts(key, msg, sig));
  }

  /**
   * The one difference: keys of small order (the identity, points of order 2, 4 and 8, also when
   * encoded non-canonically) have no secret, so a signature under them proves nothing ("R =
   * identity, S = 0" verifies for every message). JDK 17 accepts such forgeries; BouncyCastle
   * refuses every signature under them, which only tightens the check.
   */
  @Test
  void smallOrderKeysAreRefusedWhereTheJdkTookForgeries() {
    boolean jdkAcceptedSome = false;
    byte[] identityR = new byte[32];
    identityR[0] = 1;
    String[] keys = {
      "0100000000000000000000000000000000000000000000000000000000000000", // identity
      "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p - 1, order 2
      "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p + 1
      "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f", // y = p
      "0000000000000000000000000000000000000000000000000000000000000080", // y = 0, order 4
    };
    for (String k : keys) {
      byte[] key = HEX.parseHex(k);
      for (byte[] msg : new byte[][] {new byte[0], {1, 2, 3}}) {
        byte[] sig = new byte[64];
        System.arraycopy(identityR, 0, sig, 0, 32); // R = identity, S = 0
        byte[] keyR = sig.clone();
        System.arraycopy(key, 0, keyR, 0, 32); // R = the key's point, S = 0
        for (byte[] s : new byte[][] {sig, keyR}) {
          assertFalse(nowAccepts(key, msg, s), k);
          jdkAcceptedSome |= jdkAccepts(key, msg, s);
        }
      }
    }
    assertTrue(jdkAcceptedSome, "the JDK took a forgery under a small-order key");
  }

  /** The previous path: the key accepted by fromSpki, then the JDK's verifier. */
  private static boolean jdkAccepts(byte[] key, byte[] msg, byte[] sig) {
    try {
      VerificationKey k = VerificationKey.fromSpki(spki(key));
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(k.spki())));
      s.update(msg);
      return s.verify(sig);
    } catch (Exception e) {
      return false;
    }
  }

  private static boolean nowAccepts(byte[] key, byte[] msg, byte[] sig) {
    try {
      VerificationKey.fromSpki(spki(key)).verify(msg, sig);
      return true;
    } catch (KeyFormatException | SignatureVerificationException e) {
      return false;
    }
  }

  private static byte[] spki(byte[] key) {
    byte[] der = new byte[SPKI_PREFIX.length + 32];
    System.arraycopy(SPKI_PREFIX, 0, der, 0, SPKI_PREFIX.length);
    System.arraycopy(key, 0, der, SPKI_PREFIX.length, 32);
    return der;
  }

  private static byte[] rawKey(VerificationKey k) {
    byte[] spki = k.spki();
    byte[] raw = new byte[32];
    System.arraycopy(spki, spki.length - 32, raw, 0, 32);
    return raw;
  }

  private static BigInteger littleEndian(byte[] b, int off) {
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[31 - i] = b[off + i];
    }
    return new BigInteger(1, be);
  }

  private static void putLittleEndian(BigInteger v, byte[] b, int off) {
    byte[] be = v.toByteArray();
    for (int i = 0; i < 32; i++) {
      int j = be.length - 1 - i;
      b[off + i] = j >= 0 ? be[j] : 0;
    }
  }
}
