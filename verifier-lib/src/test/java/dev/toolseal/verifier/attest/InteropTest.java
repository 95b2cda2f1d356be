package dev.toolseal.verifier.attest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toolseal.verifier.keys.PemKeys;
import dev.toolseal.verifier.keys.VerificationKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** An envelope whose signature was made outside this code base, by OpenSSL. */
class InteropTest {
  // Generated with OpenSSL 3.0.19: genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256,
  // pkey -pubout, then dgst -sha256 -sign over the bytes of the DSSE protocol.md example PAE
  // "DSSEv1 29 http://example.com/HelloWorld 11 hello world" (same key as PemKeysTest).
  private static final String PUBLIC = """
      -----BEGIN PUBLIC KEY-----
      MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEj+O+jlClEHBop8PQ3NXwTjARaI2t
      Y4pKzCQijLH2BqhyokWGEGqcmu0P/78u+EGsqqchc7gLOjK8tCk7oga3GQ==
      -----END PUBLIC KEY-----
      """;
  private static final String SIG = "MEYCIQDQbmedxKyGERCKV0niUdrL3qXYvNnNhkavj6o5lZGBFwIhAMBNPv8i"
      + "VSLXLjwVnMHveRdQ0t3h4VIdEKK2d4/gawRB";

  @Test
  void verifiesAnOpenSslEcdsaSignatureOverOurPae() throws Exception {
    VerificationKey key = PemKeys.parsePublicKey(PUBLIC.getBytes(StandardCharsets.US_ASCII));
    String type = "http://example.com/HelloWorld";
    String json = "{\"payload\":\"aGVsbG8gd29ybGQ=\",\"payloadType\":\"" + type + "\","
        + "\"signatures\":[{\"keyid\":\"" + key.keyId().hex() + "\",\"sig\":\"" + SIG + "\"}]}";
    Envelope e = Envelope.parse(json.getBytes(StandardCharsets.UTF_8));
    VerifiedEnvelope v = EnvelopeVerifier.verifyAny(e, type, List.of(key));
    assertArrayEquals("hello world".getBytes(StandardCharsets.US_ASCII), v.payload());
    assertEquals(List.of(key.keyId()), List.copyOf(v.signers()));
    Envelope other = Envelope.of(type, "hello world!".getBytes(StandardCharsets.US_ASCII),
        e.signatures());
    assertThrows(AttestationVerificationException.class,
        () -> EnvelopeVerifier.verifyAny(other, type, List.of(key)));
  }
}
