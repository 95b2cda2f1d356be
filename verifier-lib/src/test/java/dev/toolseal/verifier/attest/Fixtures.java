package dev.toolseal.verifier.attest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.keys.KeyAlgorithm;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.Map;

/** Shared keys (generated once: key generation is slow) and sample documents. */
final class Fixtures {
  static final Map<KeyAlgorithm, SigningKey> KEYS = new EnumMap<>(KeyAlgorithm.class);
  static final SigningKey OTHER = KeyPairs.generate();
  static final SigningKey THIRD = KeyPairs.generate(KeyAlgorithm.ECDSA_P256_SHA256);

  static {
    for (KeyAlgorithm a : KeyAlgorithm.values()) {
      KEYS.put(a, KeyPairs.generate(a));
    }
  }

  private Fixtures() {}

  static SigningKey key(KeyAlgorithm a) {
    return KEYS.get(a);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) CanonicalJson.parse(utf8(text), 1 << 20);
    } catch (CanonicalJson.JsonException e) {
      throw new AssertionError(e);
    }
  }

  static ObjectNode manifest() {
    return json("""
        {"server": {"name": "io.github.acme/weather", "version": "1.2.0"},
         "protocolVersion": "2025-06-18",
         "tools": [{"name": "forecast", "description": "Weather \u00e0 la carte",
                    "inputSchema": {"type": "object", "properties": {"days": {"type": "integer",
                    "maximum": 1.0E1}}}}]}
        """);
  }

  static Release release() {
    return new Release(new ReleaseName("io.github.acme/weather", "1.2.0"), manifest());
  }
}
