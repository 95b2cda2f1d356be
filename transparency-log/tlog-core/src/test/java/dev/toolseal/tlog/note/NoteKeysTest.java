package dev.toolseal.tlog.note;

import static dev.toolseal.tlog.note.GoVectors.*;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.*;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class NoteKeysTest {
  @Test
  void rfc8032TestVectorOneThroughTheJdkConversions() {
    // RFC 8032 section 7.1, TEST 1 (empty message).
    HexFormat hex = HexFormat.of();
    byte[] seed = hex.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    byte[] pub = hex.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    byte[] sig = hex.parseHex("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
        + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    assertArrayEquals(pub, Ed25519.derivePublicKey(seed));
    assertArrayEquals(sig, Ed25519.sign(Ed25519.privateKey(seed), new byte[0]));
    assertTrue(Ed25519.verify(pub, new byte[0], sig));
    assertArrayEquals(pub, Ed25519.encodePublicKey(Ed25519.decodePublicKey(pub)));
  }

  @Test
  void malleatedSignatureWithSPlusGroupOrderIsRejected() {
    // RFC 8032 section 5.1.7 requires S < L; S + L would otherwise be a second valid signature.
    NoteSigner s = TestKeys.signer("a", 1);
    byte[] msg = "m\n".getBytes(UTF_8);
    byte[] sig = s.sign(msg);
    java.math.BigInteger order = java.math.BigInteger.ONE.shiftLeft(252)
        .add(new java.math.BigInteger("27742317777372353535851937790883648493"));
    byte[] be = new byte[32];
    for (int i = 0; i < 32; i++) {
      be[i] = sig[63 - i];
    }
    byte[] sum = new java.math.BigInteger(1, be).add(order).toByteArray();
    byte[] malleated = sig.clone();
    for (int i = 0; i < 32; i++) {
      malleated[32 + i] = i < sum.length ? sum[sum.length - 1 - i] : 0;
    }
    assertFalse(java.util.Arrays.equals(sig, malleated));
    assertThrows(InvalidSignatureException.class, () -> s.verifier().verify(msg, malleated));
  }

  @Test
  void goReferenceKeysParseAndFormatBack() throws Exception {
    NoteVerifier v = NoteVerifier.parse(PETER_VKEY);
    assertEquals("PeterNeumann", v.name());
    assertEquals(PETER_ID, v.keyId());
    assertEquals(PETER_VKEY, v.verifierKey());
    NoteSigner s = NoteSigner.fromPrivateKeyString(PETER_SKEY);
    assertEquals(PETER_SKEY, s.toPrivateKeyString());
    assertEquals(v, s.verifier());
    assertEquals(v, Verifier.parse(PETER_VKEY));
  }

  @Test
  void generatedKeysRoundTripAndSign() throws Exception {
    NoteSigner s = NoteSigner.generate("example.com/log", new SecureRandom());
    NoteSigner again = NoteSigner.fromPrivateKeyString(s.toPrivateKeyString());
    assertEquals(s.verifierKey(), again.verifierKey());
    NoteVerifier v = NoteVerifier.parse(s.verifierKey());
    byte[] msg = "hi\n".getBytes(UTF_8);
    v.verify(msg, again.sign(msg));
    byte[] sig = s.sign(msg);
    sig[0] ^= 1;
    assertThrows(InvalidSignatureException.class, () -> v.verify(msg, sig));
    assertThrows(InvalidSignatureException.class, () -> v.verify(msg, new byte[63]));
  }

  @Test
  void toStringNeverRevealsThePrivateKey() throws Exception {
    NoteSigner s = NoteSigner.fromPrivateKeyString(PETER_SKEY);
    String seed64 = PETER_SKEY.substring(PETER_SKEY.indexOf("+c74f20a3+") + 10);
    CosignatureSigner c = CosignatureSigner.of(s, java.time.Clock.systemUTC());
    for (String shown : List.of(s.toString(), c.toString(), String.valueOf(s))) {
      assertFalse(shown.contains(seed64.substring(4, 20)), shown);
      assertFalse(shown.contains("PRIVATE"), shown);
    }
  }

  @Test
  void everySingleByteMutationOfAVerifierKeyIsRejected() {
    assertEveryMutationRejected(PETER_VKEY, NoteVerifier::parse);
    assertEveryMutationRejected(PETER_VKEY, Verifier::parse);
  }

  @Test
  void everySingleByteMutationOfAPrivateKeyIsRejected() {
    assertEveryMutationRejected(PETER_SKEY, NoteSigner::fromPrivateKeyString);
  }

  @Test
  void everyProperSubstringOfTheKeysIsRejected() {
    for (String key : List.of(PETER_VKEY, PETER_SKEY)) {
      for (int i = 0; i < key.length(); i++) {
        for (int j = i + 1; j <= key.length(); j++) {
          if (i == 0 && j == key.length()) {
            continue;
          }
          String sub = key.substring(i, j);
          assertThrows(KeyFormatException.class, () -> NoteVerifier.parse(sub), sub);
          assertThrows(KeyFormatException.class, () -> NoteSigner.fromPrivateKeyString(sub), sub);
        }
      }
    }
  }

  @Test
  void wrongTypeLengthCaseOrEncodingIsRejected() {
    List<String> bad = List.of(
        // from Go's note_test.go: wrong key length and unknown algorithm, each with its key ID
        // adjusted to match
        "PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY==",
        "PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+C74F20A3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW=",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq_LDE4izWy10TW",
        "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW ",
        "Peter Neumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW",
        "",
        "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz");
    for (String k : bad) {
      assertThrows(KeyFormatException.class, () -> NoteVerifier.parse(k), k);
      assertThrows(KeyFormatException.class, () -> Verifier.parse(k), k);
    }
    assertThrows(KeyFormatException.class, () -> NoteSigner.fromPrivateKeyString(PETER_VKEY));
    assertThrows(KeyFormatException.class, () -> NoteSigner.fromPrivateKeyString(
        "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz="));
  }

  @Test
  void invalidNamesAreRejected() {
    for (String name : List.of("", "a b", "a+b", "a\u00a0b", "a\u2003b", "a\u3000b", "a\tb",
        "a\nb", "a\u0001b", "a\ud800b", "x".repeat(KeyNames.MAX_NAME_LENGTH + 1))) {
      assertThrows(IllegalArgumentException.class,
          () -> NoteSigner.generate(name, new SecureRandom()), name);
      assertThrows(KeyFormatException.class, () -> NoteVerifier.of(name, new byte[32]), name);
    }
    assertTrue(KeyNames.isValid("\ud835\udc9c/log")); // a supplementary character is fine
  }

  @Test
  void nonCanonicalPublicKeyIsRejected() {
    byte[] yAtPrime = HexFormat.of().parseHex(
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
    assertThrows(KeyFormatException.class, () -> NoteVerifier.of("a", yAtPrime));
    assertThrows(KeyFormatException.class, () -> NoteVerifier.of("a", new byte[31]));
  }

  interface Parser {
    Object parse(String s) throws KeyFormatException;
  }

  /** Each byte xor 0x01, xor 0x80 and +1 (as Latin-1 chars, so non-ASCII bytes appear too). */
  static void assertEveryMutationRejected(String key, Parser parser) {
    byte[] b = key.getBytes(UTF_8);
    int tried = 0;
    for (int i = 0; i < b.length; i++) {
      for (int delta : new int[] {0x01, 0x80, -1}) {
        byte[] m = b.clone();
        m[i] = (byte) (delta < 0 ? m[i] + 1 : m[i] ^ delta);
        String mutated = new String(m, UTF_8);
        if (mutated.equals(key)) {
          continue;
        }
        tried++;
        assertThrows(KeyFormatException.class, () -> parser.parse(mutated),
            "accepted mutation at " + i + ": " + mutated);
      }
    }
    assertTrue(tried >= 2 * b.length);
  }
}
