package dev.toolseal.verifier.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.tlog.Hash;

/** Typed reads of registry JSON answers; any deviation is a {@link RegistryFormatException}. */
final class Fields {
  private Fields() {}

  static String text(JsonNode doc, String field, int maxChars) throws RegistryFormatException {
    JsonNode v = doc.get(field);
    if (v == null || !v.isTextual() || v.asText().length() > maxChars) {
      throw new RegistryFormatException("field " + field + " is missing or not a string of at most "
          + maxChars + " characters");
    }
    return v.asText();
  }

  static long index(JsonNode doc, String field) throws RegistryFormatException {
    JsonNode v = doc.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < 0) {
      throw new RegistryFormatException("field " + field + " is not a non-negative integer");
    }
    return v.asLong();
  }

  static Hash hash(JsonNode v) throws RegistryFormatException {
    if (v == null || !v.isTextual()) {
      throw new RegistryFormatException("a proof hash is not a string");
    }
    try {
      return Hash.fromBase64(v.asText());
    } catch (IllegalArgumentException e) {
      throw new RegistryFormatException("a proof hash is not base64 of 32 bytes");
    }
  }
}
