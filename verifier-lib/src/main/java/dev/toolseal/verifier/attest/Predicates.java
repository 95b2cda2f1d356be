package dev.toolseal.verifier.attest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.attest.CanonicalJson.JsonException;
import dev.toolseal.verifier.keys.KeyAlgorithm;
import dev.toolseal.verifier.keys.KeyFormatException;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.keys.VerificationKey;
import java.util.Base64;

/** Checks and field codecs shared by the predicate records. */
final class Predicates {
  static final int MAX_TEXT_CHARS = 4096;

  private Predicates() {}

  static void requireType(Statement st, String predicateType) throws PredicateFormatException {
    if (!st.predicateType().equals(predicateType)) {
      throw new PredicateFormatException(predicateType, "statement has another predicateType");
    }
  }

  static ReleaseName releaseName(String subjectName, String predicateType)
      throws PredicateFormatException {
    try {
      return ReleaseName.parse(subjectName);
    } catch (IllegalArgumentException e) {
      throw new PredicateFormatException(predicateType, "subject name is not <name>@<version>");
    }
  }

  static PredicateFormatException wrap(String predicateType, JsonException e) {
    return new PredicateFormatException(predicateType, e.getMessage());
  }

  static KeyId keyId(JsonFields f, String field) throws JsonException {
    try {
      return KeyId.parse(f.text(field, 64));
    } catch (KeyFormatException e) {
      throw new JsonException(field + " is not a key id");
    }
  }

  static Hash hexHash(JsonFields f, String field) throws JsonException {
    return JsonFields.hexHash(f.text(field, 64), field);
  }

  /** Reads {@code algorithm} and {@code publicKey} (base64 SPKI) and checks they agree. */
  static VerificationKey publicKey(JsonFields f) throws JsonException {
    try {
      KeyAlgorithm alg = KeyAlgorithm.fromWireName(f.text("algorithm", 64));
      VerificationKey key = VerificationKey.fromSpki(
          f.base64("publicKey", VerificationKey.MAX_SPKI_BYTES));
      if (key.algorithm() != alg) {
        throw new JsonException("algorithm does not match publicKey");
      }
      return key;
    } catch (KeyFormatException e) {
      throw new JsonException("bad public key: " + e.reason());
    }
  }

  static void putPublicKey(ObjectNode o, VerificationKey key) {
    o.put("algorithm", key.algorithm().wireName());
    o.put("publicKey", Base64.getEncoder().encodeToString(key.spki()));
  }

  static ObjectNode object() {
    return CanonicalJson.mapper().createObjectNode();
  }

  static void checkText(String s, int max, String what) {
    if (s == null || s.isEmpty() || s.length() > max
        || s.chars().anyMatch(Character::isISOControl)) {
      throw new IllegalArgumentException(what + " must be 1.." + max
          + " characters without control characters");
    }
  }
}
