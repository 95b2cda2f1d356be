package dev.toolseal.verifier.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.attest.CanonicalJson.JsonException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/** Strict field access for JSON objects of a fixed shape; every failure is a JsonException. */
final class JsonFields {
  private final ObjectNode node;
  private final String what;

  private JsonFields(ObjectNode node, String what) {
    this.node = node;
    this.what = what;
  }

  /**
   * Wraps {@code value}, which must be an object whose field names are exactly {@code required}
   * plus any subset of {@code optional}.
   */
  static JsonFields of(JsonNode value, String what, Set<String> required, Set<String> optional)
      throws JsonException {
    if (value == null || !value.isObject()) {
      throw new JsonException(what + " must be a JSON object");
    }
    Set<String> seen = new HashSet<>();
    for (Iterator<String> it = value.fieldNames(); it.hasNext(); ) {
      String name = it.next();
      if (!required.contains(name) && !optional.contains(name)) {
        throw new JsonException(what + " has an unknown field");
      }
      seen.add(name);
    }
    if (!seen.containsAll(required)) {
      throw new JsonException(what + " lacks a required field");
    }
    return new JsonFields((ObjectNode) value, what);
  }

  static JsonFields of(JsonNode value, String what, Set<String> required) throws JsonException {
    return of(value, what, required, Set.of());
  }

  boolean has(String field) {
    return node.has(field);
  }

  JsonNode get(String field) {
    return node.get(field);
  }

  /** A string of 1..maxLength chars with no control characters. */
  String text(String field, int maxLength) throws JsonException {
    return text(field, 1, maxLength);
  }

  String text(String field, int minLength, int maxLength) throws JsonException {
    JsonNode v = node.get(field);
    if (v == null || !v.isTextual()) {
      throw new JsonException(what + "." + field + " must be a string");
    }
    String s = v.textValue();
    if (s.length() < minLength || s.length() > maxLength) {
      throw new JsonException(what + "." + field + " has a bad length");
    }
    for (int i = 0; i < s.length(); i++) {
      if (Character.isISOControl(s.charAt(i))) {
        throw new JsonException(what + "." + field + " contains a control character");
      }
    }
    return s;
  }

  /** Canonical standard base64 (RFC 4648 section 4, padded, zero trailing bits). */
  byte[] base64(String field, int maxBytes) throws JsonException {
    String s = text(field, 0, (maxBytes + 2) / 3 * 4);
    return decodeBase64(s, what + "." + field);
  }

  static byte[] decodeBase64(String s, String where) throws JsonException {
    byte[] out;
    try {
      out = Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException e) {
      throw new JsonException(where + " is not standard base64");
    }
    if (!Base64.getEncoder().encodeToString(out).equals(s)) {
      throw new JsonException(where + " is not canonical padded base64");
    }
    return out;
  }

  /** An array of 1..max elements (or 0..max if {@code allowEmpty}). */
  List<JsonNode> array(String field, int max, boolean allowEmpty) throws JsonException {
    JsonNode v = node.get(field);
    if (v == null || !v.isArray()) {
      throw new JsonException(what + "." + field + " must be an array");
    }
    if (v.size() > max || (!allowEmpty && v.isEmpty())) {
      throw new JsonException(what + "." + field + " has a bad number of elements");
    }
    List<JsonNode> out = new ArrayList<>(v.size());
    v.forEach(out::add);
    return out;
  }

  /** A digest set {@code {"sha256": "<64 lowercase hex>"}} and nothing else. */
  Hash sha256DigestSet(String field) throws JsonException {
    return parseDigestSet(node.get(field), what + "." + field);
  }

  static Hash parseDigestSet(JsonNode value, String where) throws JsonException {
    JsonFields d = of(value, where, Set.of("sha256"));
    return hexHash(d.text("sha256", 64), where + ".sha256");
  }

  static Hash hexHash(String hex, String where) throws JsonException {
    if (hex.length() != 2 * Hash.SIZE || !hex.chars().allMatch(
        c -> (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
      throw new JsonException(where + " must be 64 lowercase hex digits");
    }
    return Hash.fromHex(hex);
  }

  static ObjectNode digestSet(Hash h) {
    ObjectNode d = CanonicalJson.mapper().createObjectNode();
    d.put("sha256", h.hex());
    return d;
  }
}
