package dev.toolseal.verifier.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The secret must not show up in toString or in any exception text, for both algorithms. */
class SecretsTest {

  /** Renderings of the secret (hex, base64, decimal) that a leak would most likely use. */
  private static List<String> renderings(SigningKey key) throws Exception {
    byte[] pkcs8 = key.pkcs8();
    PrivateKeyInfo info = PrivateKeyInfo.getInstance(pkcs8);
    byte[] secret;
    List<String> out = new ArrayList<>();
    if (key.algorithm() == KeyAlgorithm.ED25519) {
      secret = ASN1OctetString.getInstance(info.parsePrivateKey()).getOctets();
    } else {
      ECPrivateKey sec1 = ECPrivateKey.getInstance(info.parsePrivateKey());
      out.add(sec1.getKey().toString());
      out.add(sec1.getKey().toString(16));
      secret = sec1.getKey().toByteArray();
    }
    for (byte[] b : List.of(secret, pkcs8)) {
      String hex = HexFormat.of().formatHex(b);
      out.add(hex.substring(0, 16));
      out.add(hex.substring(hex.length() - 16));
      out.add(hex.toUpperCase(Locale.ROOT).substring(hex.length() - 16));
      String b64 = Base64.getEncoder().encodeToString(b);
      out.add(b64.substring(b64.length() - 14));
    }
    // the seed/scalar proper, not the constant DER prefix
    out.add(HexFormat.of().formatHex(secret, secret.length - 8, secret.length));
    return out;
  }

  private static void assertNoSecret(String text, List<String> secrets) {
    for (String s : secrets) {
      assertFalse(text.contains(s), "secret rendering leaked");
    }
  }

  private static String allText(Throwable t) {
    StringBuilder sb = new StringBuilder();
    for (Throwable c = t; c != null; c = c.getCause()) {
      sb.append(c).append('\n').append(c.getMessage()).append('\n');
    }
    return sb.toString();
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void toStringNeverRevealsTheSecret(KeyAlgorithm alg) throws Exception {
    SigningKey key = KeyPairs.generate(alg);
    List<String> secrets = renderings(key);
    assertTrue(key.toString().contains(key.keyId().hex()));
    assertNoSecret(key.toString(), secrets);
    assertNoSecret(String.valueOf(key.verificationKey()), secrets);
    assertNoSecret(String.valueOf(List.of(key)), secrets);
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void exceptionsAboutAPrivateKeyNeverQuoteIt(KeyAlgorithm alg) throws Exception {
    SigningKey key = KeyPairs.generate(alg);
    List<String> secrets = renderings(key);
    byte[] pkcs8 = key.pkcs8();
    String pem = PemKeys.pem(PemKeys.PRIVATE, pkcs8);
    List<byte[]> bad = new ArrayList<>();
    // truncated DER, trailing junk, corrupted base64, wrong type, wrong kind, extra block
    byte[] truncated = java.util.Arrays.copyOf(pkcs8, pkcs8.length - 3);
    bad.add(PemKeys.pem(PemKeys.PRIVATE, truncated).getBytes(StandardCharsets.US_ASCII));
    byte[] longer = java.util.Arrays.copyOf(pkcs8, pkcs8.length + 2);
    bad.add(PemKeys.pem(PemKeys.PRIVATE, longer).getBytes(StandardCharsets.US_ASCII));
    bad.add(pem.replace("-----\n", "-----\n!").getBytes(StandardCharsets.US_ASCII));
    bad.add(pem.replace("PRIVATE KEY", "EC PRIVATE KEY").getBytes(StandardCharsets.US_ASCII));
    bad.add(pem.replace("PRIVATE KEY", "PUBLIC KEY").getBytes(StandardCharsets.US_ASCII));
    bad.add((pem + pem).getBytes(StandardCharsets.US_ASCII));
    for (int i = 20; i < pkcs8.length; i += 7) {
      byte[] m = pkcs8.clone();
      m[i] ^= 0x40;
      bad.add(PemKeys.pem(PemKeys.PRIVATE, m).getBytes(StandardCharsets.US_ASCII));
    }
    int refused = 0;
    for (byte[] b : bad) {
      try {
        PemKeys.parsePrivateKey(b);
        PemKeys.parsePublicKey(b);
      } catch (KeyFormatException e) {
        refused++;
        assertNoSecret(allText(e), secrets);
      }
    }
    assertEquals(bad.size(), refused);
    KeyFormatException asPublic = assertThrows(KeyFormatException.class,
        () -> PemKeys.parsePublicKey(pem.getBytes(StandardCharsets.US_ASCII)));
    assertNoSecret(allText(asPublic), secrets);
  }
}
