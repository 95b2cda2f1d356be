package dev.toolseal.verifier.attest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.verifier.keys.KeyAlgorithm;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import java.util.List;
import org.junit.jupiter.api.Test;

class OwnershipRecordTest {

  @Test
  void aKeysRecordParsesBackAndNamesOnlyThatKey() throws Exception {
    SigningKey key = KeyPairs.generate();
    SigningKey other = KeyPairs.generate();
    String line = OwnershipRecord.of(key.verificationKey()).toString();
    assertTrue(line.startsWith("v=MCPv1; k=ed25519; p="), line);
    OwnershipRecord parsed = OwnershipRecord.parse(line);
    assertEquals(OwnershipRecord.of(key.verificationKey()), parsed);
    assertTrue(parsed.names(key.verificationKey()));
    assertFalse(parsed.names(other.verificationKey()));
    assertFalse(parsed.names(KeyPairs.generate(KeyAlgorithm.ECDSA_P256_SHA256).verificationKey()));
    assertTrue(OwnershipRecord.parse(line.replace("; ", ";")).names(key.verificationKey()));
  }

  @Test
  void onlyExactRecordsParse() {
    String good = OwnershipRecord.of(KeyPairs.generate().verificationKey()).toString();
    String p = good.substring(good.indexOf("p=") + 2);
    List<String> bad = List.of("", " " + good, good + " ", good + ";", good.replace("MCPv1", "MCPv2"),
        good.replace("ed25519", "p256"), "k=ed25519; v=MCPv1; p=" + p,
        "v=MCPv1; k=ed25519; p=" + p.substring(1), "v=MCPv1; k=ed25519; p=" + p + "=",
        "v=MCPv1; k=ed25519; p=" + p.replace("=", ""),
        "v=MCPv1; k=ed25519; p=" + p.substring(0, 42) + "_=",
        "v=MCPv1; k=ed25519; p=" + p.substring(0, 42) + "B=".repeat(1), good.toUpperCase(),
        good + "x".repeat(OwnershipRecord.MAX_CHARS));
    for (String text : bad) {
      if (text.equals(good)) {
        continue;
      }
      assertThrows(OwnershipRecordException.class, () -> OwnershipRecord.parse(text), text);
    }
  }

  @Test
  void nonCanonicalBase64IsRefused() throws Exception {
    String good = OwnershipRecord.of(KeyPairs.generate().verificationKey()).toString();
    String p = good.substring(good.indexOf("p=") + 2);
    // 32 bytes use 256 of the 258 bits of 43 characters: the last character's low two bits
    // are padding and must be zero
    char last = p.charAt(42);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    int v = alphabet.indexOf(last);
    char flipped = alphabet.charAt(v ^ 1);
    String mutated = good.substring(0, good.length() - 2) + flipped + "=";
    assertThrows(OwnershipRecordException.class, () -> OwnershipRecord.parse(mutated));
  }

  @Test
  void p256KeysHaveNoRecord() {
    assertThrows(IllegalArgumentException.class, () -> OwnershipRecord.of(
        KeyPairs.generate(KeyAlgorithm.ECDSA_P256_SHA256).verificationKey()));
  }
}
