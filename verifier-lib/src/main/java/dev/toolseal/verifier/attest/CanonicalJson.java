package dev.toolseal.verifier.attest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.toolseal.tlog.Hash;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * Strict JSON reading and RFC 8785 (JCS) canonical bytes, shared by the attestation parsers.
 * Input must be valid UTF-8 holding exactly one JSON value with no duplicate keys, no lone
 * surrogates and at most {@link #MAX_DEPTH} levels of nesting. Floats are read as exact decimals
 * so nothing is rounded before JCS formats them.
 */
final class CanonicalJson {
  static final int MAX_DEPTH = 128;

  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH).build())
          .build())
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .build();

  private CanonicalJson() {}

  /** Thrown for any input that is not strict JSON; the message names the problem only. */
  static final class JsonException extends Exception {
    private static final long serialVersionUID = 1L;

    JsonException(String message) {
      // no stack trace: it is always caught and re-thrown as the format's own exception
      super(message, null, false, false);
    }
  }

  /** Parses {@code bytes} (at most {@code maxBytes}) as strict UTF-8 JSON. */
  static JsonNode parse(byte[] bytes, int maxBytes) throws JsonException {
    if (bytes == null || bytes.length == 0) {
      throw new JsonException("empty document");
    }
    if (bytes.length > maxBytes) {
      throw new JsonException("document larger than " + maxBytes + " bytes");
    }
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      throw new JsonException("not valid UTF-8");
    }
    JsonNode node;
    try {
      node = MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new JsonException("not strict JSON: " + e.getOriginalMessage());
    }
    if (node == null || node.isMissingNode()) {
      throw new JsonException("empty document");
    }
    checkStrings(node);
    return node;
  }

  /** RFC 8785 canonical UTF-8 bytes of {@code node}. */
  static byte[] canonical(JsonNode node) {
    try {
      return new JsonCanonicalizer(MAPPER.writeValueAsString(node)).getEncodedUTF8();
    } catch (IOException e) {
      throw new IllegalArgumentException("value has no JCS form (number out of range?)", e);
    }
  }

  /** SHA-256 of the JCS bytes of {@code node}. */
  static Hash digest(JsonNode node) {
    return sha256(canonical(node));
  }

  static Hash sha256(byte[] bytes) {
    try {
      return Hash.of(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /** A mapper for building nodes; shares the strict configuration. */
  static ObjectMapper mapper() {
    return MAPPER;
  }

  private static void checkStrings(JsonNode node) throws JsonException {
    if (node.isTextual()) {
      checkString(node.textValue());
    } else if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        checkString(e.getKey());
        checkStrings(e.getValue());
      }
    } else if (node.isArray()) {
      for (JsonNode child : node) {
        checkStrings(child);
      }
    } else if (node.isNumber() && !numberFitsJcs(node)) {
      throw new JsonException("number outside the IEEE 754 double range");
    }
  }

  private static boolean numberFitsJcs(JsonNode n) {
    double d = n.doubleValue();
    return !Double.isInfinite(d) && !Double.isNaN(d);
  }

  private static void checkString(String s) throws JsonException {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 >= s.length() || !Character.isLowSurrogate(s.charAt(i + 1))) {
          throw new JsonException("lone surrogate in a string");
        }
        i++;
      } else if (Character.isLowSurrogate(c)) {
        throw new JsonException("lone surrogate in a string");
      }
    }
  }
}
