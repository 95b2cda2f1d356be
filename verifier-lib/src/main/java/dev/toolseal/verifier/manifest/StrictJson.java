package dev.toolseal.verifier.manifest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.toolseal.verifier.manifest.ManifestException.Reason;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import org.erdtman.jcs.NumberToJSON;

/**
 * The strict JSON reader under every manifest input: UTF-8 only, RFC 8259 grammar only, no
 * duplicate member names, bounded size, depth and string length, one value and nothing after it.
 * It also refuses what RFC 8785 canonicalization would silently change: unpaired surrogates,
 * integer literals that are not exactly a double, and numbers that overflow or underflow one.
 */
final class StrictJson {
  private final ManifestLimits limits;
  private final ObjectMapper mapper;

  StrictJson(ManifestLimits limits) {
    this.limits = limits;
    JsonFactory factory =
        JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxDocumentLength(limits.maxBytes())
                    .maxNestingDepth(limits.maxDepth())
                    .maxStringLength(limits.maxStringLength())
                    .maxNameLength(limits.maxStringLength())
                    .maxNumberLength(1000)
                    .build())
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
  }

  /** Parses a JSON text given as a Java string; raw unpaired surrogates are refused first. */
  JsonNode parse(String json, String source) throws ManifestException {
    int bad = firstLoneSurrogate(json);
    if (bad >= 0) {
      throw new ManifestException(
          Reason.LONE_SURROGATE, source, "", "unpaired surrogate at char " + bad);
    }
    return parse(json.getBytes(StandardCharsets.UTF_8), source);
  }

  /** Parses UTF-8 JSON bytes. */
  JsonNode parse(byte[] utf8, String source) throws ManifestException {
    if (utf8.length > limits.maxBytes()) {
      throw new ManifestException(
          Reason.TOO_LARGE, source, "", utf8.length + " bytes, limit " + limits.maxBytes());
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(utf8))
              .toString();
    } catch (CharacterCodingException e) {
      throw new ManifestException(Reason.MALFORMED_JSON, source, "", "not UTF-8", e);
    }
    JsonNode node = read(text, source);
    if (node == null || node.isMissingNode()) {
      throw new ManifestException(Reason.MALFORMED_JSON, source, "", "empty input");
    }
    check(node, "", source);
    return node;
  }

  private JsonNode read(String text, String source) throws ManifestException {
    JsonParser parser = null;
    try {
      parser = mapper.createParser(text);
      JsonNode node = mapper.readTree(parser);
      parser.close();
      return node;
    } catch (JsonProcessingException e) {
      throw translate(e, parser, source);
    } catch (IOException e) {
      throw new ManifestException(Reason.MALFORMED_JSON, source, "", "unreadable", e);
    } catch (IllegalArgumentException e) {
      // Jackson reports a number BigDecimal cannot hold (exponent beyond int) unchecked
      Reason reason = e instanceof NumberFormatException ? Reason.UNSAFE_NUMBER
          : Reason.MALFORMED_JSON;
      throw new ManifestException(reason, source, pointer(parser), "unreadable value", e);
    }
  }

  private static String pointer(JsonParser p) {
    JsonStreamContext ctx = p == null ? null : p.getParsingContext();
    return ctx == null ? "" : ctx.pathAsPointer().toString();
  }

  private ManifestException translate(JsonProcessingException e, JsonParser p, String source) {
    JsonStreamContext ctx = p == null ? null : p.getParsingContext();
    String pointer = pointer(p);
    Reason reason;
    if (e instanceof StreamConstraintsException) {
      reason = ctx != null && ctx.getNestingDepth() >= limits.maxDepth() ? Reason.TOO_DEEP
          : Reason.TOO_LONG;
    } else if (e.getOriginalMessage() != null
        && e.getOriginalMessage().toLowerCase(Locale.ROOT).startsWith("duplicate")) {
      // Jackson's STRICT_DUPLICATE_DETECTION has no exception type of its own; the test
      // ManifestStrictnessTest.duplicateKeys notices if its wording changes
      reason = Reason.DUPLICATE_KEY;
    } else {
      reason = Reason.MALFORMED_JSON;
    }
    return new ManifestException(reason, source, pointer, e.getOriginalMessage(), e);
  }

  /** Walks the tree for strings and numbers JCS would change. */
  private static void check(JsonNode node, String pointer, String source)
      throws ManifestException {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        String child = pointer + "/" + Pointers.escape(member.getKey());
        if (firstLoneSurrogate(member.getKey()) >= 0) {
          throw new ManifestException(Reason.LONE_SURROGATE, source, child, "in a member name");
        }
        check(member.getValue(), child, source);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), pointer + "/" + i, source);
      }
    } else if (node.isTextual()) {
      if (firstLoneSurrogate(node.textValue()) >= 0) {
        throw new ManifestException(Reason.LONE_SURROGATE, source, pointer, "in a string");
      }
    } else if (node.isNumber()) {
      checkNumber(node, pointer, source);
    }
  }

  private static void checkNumber(JsonNode node, String pointer, String source)
      throws ManifestException {
    BigDecimal exact = node.decimalValue();
    double d = exact.doubleValue();
    if (Double.isInfinite(d)) {
      throw new ManifestException(Reason.UNSAFE_NUMBER, source, pointer, "overflows a double");
    }
    if (d == 0 && exact.signum() != 0) {
      throw new ManifestException(Reason.UNSAFE_NUMBER, source, pointer, "underflows to zero");
    }
    // Integer literals are read exactly by many JSON libraries (ids, counters), so JCS rounding
    // one to the nearest double would change what such a reader sees: refuse it. Literals with a
    // fraction or exponent are doubles for every reader, and may round.
    if (node.isIntegralNumber()
        && new BigDecimal(canonicalNumber(d)).compareTo(exact) != 0) {
      throw new ManifestException(
          Reason.UNSAFE_NUMBER, source, pointer, "integer not exactly representable as a double");
    }
  }

  private static String canonicalNumber(double d) {
    try {
      return NumberToJSON.serializeNumber(d);
    } catch (IOException e) {
      throw new IllegalStateException("finite double refused", e);
    }
  }

  /** Nesting depth of {@code node}: 0 for a scalar, 1 for a flat object or array. */
  static int depth(JsonNode node) {
    int max = 0;
    for (JsonNode child : node) {
      max = Math.max(max, depth(child));
    }
    return node.isContainerNode() ? max + 1 : 0;
  }

  /** Index of the first unpaired surrogate in {@code s}, or -1. */
  static int firstLoneSurrogate(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
        } else {
          return i;
        }
      } else if (Character.isLowSurrogate(c)) {
        return i;
      }
    }
    return -1;
  }
}
