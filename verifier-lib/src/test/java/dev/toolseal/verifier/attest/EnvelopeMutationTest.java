package dev.toolseal.verifier.attest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolseal.verifier.keys.KeyAlgorithm;
import dev.toolseal.verifier.keys.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every single-byte substitution (each offset, each of the 255 other byte values) of a signed
 * envelope's canonical JSON (as {@link Envelope#toJson()} writes it, no whitespace), and of every
 * whitespace byte of a pretty-printed layout of the same envelope (its other bytes are the same
 * tokens as the canonical layout's, so they are not repeated). What is asserted, exactly, for each
 * mutant:
 *
 * <ol>
 *   <li>it is refused by {@link Envelope#parse}, or
 *   <li>it parses and its payload or payloadType differs from the original: then
 *       {@link EnvelopeVerifier#verifyAny} with the signer's key MUST throw, or
 *   <li>it parses with byte-identical payload and payloadType (so the property holds whatever
 *       verification says). If its signatures are also identical it must verify and have the
 *       original envelope digest, and this case must happen for exactly the mutants that replace
 *       a JSON whitespace byte (space, tab, LF, CR) with another one: nothing else is an
 *       accepted no-op. If a key id changed, verification must throw (no trusted signer). If
 *       only signature bytes changed we do not spend a (slow, pure-Java) signature check on it
 *       here; KeysTest flips a bit in every byte of a signature and requires rejection.
 * </ol>
 */
class EnvelopeMutationTest {
  private static final String TYPE = "application/vnd.in-toto+json";
  private static final byte[] BODY = "{}".getBytes(StandardCharsets.UTF_8);

  private static boolean isJsonWhitespace(int b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r';
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void everySingleByteSubstitutionIsRefusedOrChangesNothingSigned(boolean pretty)
      throws Exception {
    SigningKey key = Fixtures.key(KeyAlgorithm.ED25519);
    Envelope original = Envelope.sign(TYPE, BODY, List.of(key));
    byte[] json = original.toJson();
    if (pretty) {
      ObjectMapper m = new ObjectMapper();
      json = m.writerWithDefaultPrettyPrinter().writeValueAsBytes(m.readTree(json));
    }
    Set<Integer> expectedNoOps = new HashSet<>();
    Set<Integer> actualNoOps = new HashSet<>();
    int parsed = 0;
    int verifiedRefusals = 0;
    int onlySignatureBytes = 0;
    for (int i = 0; i < json.length; i++) {
      if (pretty && !isJsonWhitespace(json[i])) {
        continue; // the same token bytes as in the canonical layout, already covered there
      }
      for (int v = 0; v < 256; v++) {
        if (v == (json[i] & 0xff)) {
          continue;
        }
        int id = i * 256 + v;
        if (isJsonWhitespace(json[i]) && isJsonWhitespace(v)) {
          expectedNoOps.add(id);
        }
        byte[] mutant = json.clone();
        mutant[i] = (byte) v;
        Envelope e;
        try {
          e = Envelope.parse(mutant);
        } catch (EnvelopeFormatException refused) {
          continue;
        }
        parsed++;
        boolean sameSigned = e.payloadType().equals(original.payloadType())
            && Arrays.equals(e.payload(), BODY);
        if (!sameSigned) {
          assertThrows(AttestationVerificationException.class,
              () -> EnvelopeVerifier.verifyAny(e, TYPE, List.of(key.verificationKey())),
              () -> "offset " + id / 256 + " value " + id % 256);
          verifiedRefusals++;
        } else if (e.signatures().equals(original.signatures())) {
          actualNoOps.add(id);
          assertDoesNotThrow(() -> EnvelopeVerifier.verifyAny(e, TYPE,
              List.of(key.verificationKey())));
          assertEquals(original.envelopeDigest(), e.envelopeDigest());
          assertArrayEquals(original.toJson(), e.toJson());
        } else if (!e.keyIds().equals(original.keyIds())) {
          // the key id changed: nothing trusted signed (cheap, no signature maths)
          assertThrows(AttestationVerificationException.class,
              () -> EnvelopeVerifier.verifyAny(e, TYPE, List.of(key.verificationKey())));
          verifiedRefusals++;
        } else {
          onlySignatureBytes++;
          assertFalse(e.signatures().equals(original.signatures()));
        }
      }
    }
    assertEquals(expectedNoOps, actualNoOps);
    assertEquals(pretty, !actualNoOps.isEmpty());
    assertTrue(parsed > 0, "some mutants must parse");
    assertEquals(!pretty, verifiedRefusals > 0, "payload mutants must reach the verifier");
    assertEquals(!pretty, onlySignatureBytes > 0);
  }
}
