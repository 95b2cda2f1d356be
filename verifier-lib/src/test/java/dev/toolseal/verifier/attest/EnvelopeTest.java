package dev.toolseal.verifier.attest;

import static dev.toolseal.verifier.attest.Fixtures.OTHER;
import static dev.toolseal.verifier.attest.Fixtures.THIRD;
import static dev.toolseal.verifier.attest.Fixtures.key;
import static dev.toolseal.verifier.attest.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toolseal.verifier.attest.AttestationVerificationException.Reason;
import dev.toolseal.verifier.keys.KeyAlgorithm;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.keys.VerificationKey;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EnvelopeTest {
  private static final String TYPE = "application/vnd.toolseal.test+json";
  private static final byte[] BODY = utf8("{\"hello\":\"w\u00f6rld!\"}");

  private static Envelope signed(SigningKey... keys) throws EnvelopeFormatException {
    return Envelope.sign(TYPE, BODY, List.of(keys));
  }

  private static AttestationVerificationException refused(Envelope e, String type,
      SigningKey... trusted) {
    List<VerificationKey> keys = java.util.Arrays.stream(trusted)
        .map(SigningKey::verificationKey).toList();
    return assertThrows(AttestationVerificationException.class,
        () -> EnvelopeVerifier.verifyAny(e, type, keys));
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void signParseVerifyRoundTrip(KeyAlgorithm alg) throws Exception {
    SigningKey k = key(alg);
    Envelope e = Envelope.parse(signed(k).toJson());
    VerifiedEnvelope v = EnvelopeVerifier.verifyAny(e, TYPE, List.of(k.verificationKey()));
    assertArrayEquals(BODY, v.payload());
    assertEquals(List.of(k.keyId()), List.copyOf(v.signers()));
    assertEquals(TYPE, e.payloadType());
  }

  @Test
  void multipleSignersAndUnknownKeyIdsAreIgnored() throws Exception {
    SigningKey ed = key(KeyAlgorithm.ED25519);
    SigningKey ec = key(KeyAlgorithm.ECDSA_P256_SHA256);
    Envelope e = signed(ed, ec, OTHER);
    VerifiedEnvelope v = EnvelopeVerifier.verifyAny(e, TYPE, List.of(ec.verificationKey()));
    assertEquals(List.of(ec.keyId()), List.copyOf(v.signers()));
    EnvelopeVerifier.verifyAll(e, TYPE, List.of(ed.verificationKey(), ec.verificationKey()));
    AttestationVerificationException missing = assertThrows(
        AttestationVerificationException.class, () -> EnvelopeVerifier.verifyAll(e, TYPE,
            List.of(ed.verificationKey(), THIRD.verificationKey())));
    assertEquals(Reason.MISSING_REQUIRED_SIGNATURE, missing.reason());
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void wrongKeyIsRefusedListingTheKeyIdsSeen(KeyAlgorithm alg) throws Exception {
    Envelope e = signed(key(alg));
    AttestationVerificationException x = refused(e, TYPE, OTHER);
    assertEquals(Reason.NO_TRUSTED_SIGNATURE, x.reason());
    assertEquals(List.of(key(alg).keyId()), x.keyIdsSeen());
    assertEquals(List.of(OTHER.keyId()), x.keyIdsRequired());
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void forgedSignatureUnderATrustedKeyIdIsRefused(KeyAlgorithm alg) throws Exception {
    SigningKey k = key(alg);
    // a valid signature over other bytes, filed under the trusted key id
    byte[] forged = k.sign(Pae.encode(TYPE, utf8("{}")));
    Envelope e = Envelope.of(TYPE, BODY, List.of(new DsseSignature(k.keyId(), forged)));
    assertEquals(Reason.BAD_SIGNATURE, refused(e, TYPE, k).reason());
    // a trusted key's bad signature is not rescued by another trusted key's good one
    Envelope both = Envelope.of(TYPE, BODY, List.of(new DsseSignature(k.keyId(), forged),
        signed(OTHER).signatures().get(0)));
    assertEquals(Reason.BAD_SIGNATURE, refused(both, TYPE, k, OTHER).reason());
  }

  @Test
  void tamperedPayloadIsRefused() throws Exception {
    SigningKey k = key(KeyAlgorithm.ED25519);
    Envelope good = signed(k);
    Envelope tampered = Envelope.of(TYPE, utf8("{\"hello\":\"world\"}"), good.signatures());
    assertEquals(Reason.BAD_SIGNATURE, refused(tampered, TYPE, k).reason());
  }

  @Test
  void wrongPayloadTypeIsRefused() throws Exception {
    SigningKey k = key(KeyAlgorithm.ED25519);
    Envelope good = signed(k);
    assertEquals(Reason.WRONG_PAYLOAD_TYPE, refused(good, Statement.PAYLOAD_TYPE, k).reason());
    // relabelled envelope: the type is inside the PAE, so the old signature no longer fits
    Envelope relabelled = Envelope.of(Statement.PAYLOAD_TYPE, BODY, good.signatures());
    assertEquals(Reason.BAD_SIGNATURE, refused(relabelled, Statement.PAYLOAD_TYPE, k).reason());
  }

  @Test
  void digestIgnoresLayoutButNotSignatures() throws Exception {
    Envelope e = signed(key(KeyAlgorithm.ED25519), key(KeyAlgorithm.ECDSA_P256_SHA256));
    String canonical = new String(e.toJson(), StandardCharsets.UTF_8);
    List<DsseSignature> s = e.signatures();
    String reordered = "{ \"signatures\" : [ " + sigJson(s.get(1)) + " ,\n" + sigJson(s.get(0))
        + "],\t\"payloadType\":\"" + TYPE + "\",\r\n\"payload\":\""
        + Base64.getEncoder().encodeToString(BODY) + "\" }";
    assertNotEquals(canonical, reordered);
    assertEquals(e.envelopeDigest(), Envelope.parse(utf8(reordered)).envelopeDigest());
    assertArrayEquals(e.toJson(), Envelope.parse(utf8(reordered)).toJson());
    // a fresh ECDSA signature over the same payload is another envelope
    Envelope again = signed(key(KeyAlgorithm.ED25519), key(KeyAlgorithm.ECDSA_P256_SHA256));
    assertNotEquals(e.envelopeDigest(), again.envelopeDigest());
    assertEquals(e.payloadDigest(), again.payloadDigest());
  }

  @Test
  void onlyCanonicalStandardBase64IsAccepted() throws Exception {
    // bytes fb ff encode as "+/8=": standard alphabet, padding, zero trailing bits
    Envelope e = Envelope.of(TYPE, new byte[] {(byte) 0xfb, (byte) 0xff},
        signed(OTHER).signatures());
    String json = new String(e.toJson(), StandardCharsets.UTF_8);
    assertEquals(true, json.contains("\"payload\":\"+/8=\""));
    assertArrayEquals(e.toJson(), Envelope.parse(utf8(json)).toJson());
    for (String bad : new String[] {"-_8=", "+/8", "+/9=", "+/8==", " +/8=", "+/\\n8="}) {
      String mutated = json.replace("\"+/8=\"", "\"" + bad + "\"");
      assertNotEquals(json, mutated);
      assertThrows(EnvelopeFormatException.class, () -> Envelope.parse(utf8(mutated)), bad);
    }
  }

  private static String sigJson(DsseSignature s) {
    return "{\"sig\":\"" + Base64.getEncoder().encodeToString(s.sig()) + "\",\"keyid\":\""
        + s.keyId().hex() + "\"}";
  }

  @Test
  void strictParsing() throws Exception {
    Envelope e = signed(key(KeyAlgorithm.ED25519));
    String json = new String(e.toJson(), StandardCharsets.UTF_8);
    String payloadB64 = Base64.getEncoder().encodeToString(BODY);
    String sig = sigJson(e.signatures().get(0));
    String head = "{\"payload\":\"" + payloadB64 + "\",\"payloadType\":\"" + TYPE + "\",";
    String[] bad = {
        "", "null", "[]", json + " x", json + json, json.substring(1),
        head + "\"signatures\":[]}",
        head + "\"signatures\":[" + sig + "],\"extra\":1}",
        head + "\"signatures\":[" + sig.replace("{", "{\"x\":1,") + "]}",
        head + "\"signatures\":[" + sig + "," + sig + "]}",
        head + "\"signatures\":[" + sig.replaceAll("\"keyid\":\"[0-9a-f]*\"", "\"keyid\":\"\"")
            + "]}",
        head + "\"signatures\":[" + sig.replaceAll(",\"keyid\":\"[0-9a-f]*\"", "") + "]}",
        head + "\"signatures\":[" + sig.replace(e.keyIds().get(0).hex(),
            e.keyIds().get(0).hex().toUpperCase()) + "]}",
        head + "\"payload\":\"" + payloadB64 + "\",\"signatures\":[" + sig + "]}",
        json.replace(payloadB64, payloadB64.substring(0, 4) + "\\n" + payloadB64.substring(4)),
        json.replace("\"payloadType\":\"" + TYPE + "\"", "\"payloadType\":\"\""),
        json.replace("\"payloadType\":\"" + TYPE + "\"", "\"payloadType\":7"),
        json.replace("]", ",]"),
    };
    for (String b : bad) {
      assertThrows(EnvelopeFormatException.class, () -> Envelope.parse(utf8(b)), b);
    }
    byte[] invalidUtf8 = e.toJson();
    invalidUtf8[json.indexOf(TYPE) + 2] = (byte) 0xC3;
    assertThrows(EnvelopeFormatException.class, () -> Envelope.parse(invalidUtf8));
    byte[] big = new byte[Envelope.MAX_ENVELOPE_BYTES + 1];
    java.util.Arrays.fill(big, (byte) ' ');
    assertThrows(EnvelopeFormatException.class, () -> Envelope.parse(big));
    StringBuilder many = new StringBuilder(head + "\"signatures\":[");
    for (int i = 0; i <= Envelope.MAX_SIGNATURES; i++) {
      many.append(i == 0 ? "" : ",").append(sigJson(new DsseSignature(
          new KeyId(OTHER.keyId().hash().flipBit(i)), new byte[] {1})));
    }
    assertThrows(EnvelopeFormatException.class,
        () -> Envelope.parse(utf8(many.append("]}").toString())));
  }
}
