package dev.toolseal.verifier.json;

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
import dev.toolseal.verifier.json.JsonFormatException.Reason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The strict JSON reader under every canonicalized input of the library (manifests, raw MCP
 * results, DSSE envelopes, in-toto statements): UTF-8 only, RFC 8259 grammar only, no duplicate
 * member names, bounded size, depth, string and number length, one value and nothing after it.
 * It also refuses every value that {@link Jcs} would refuse or change: unpaired surrogates,
 * integer literals that are not exactly a double, and numbers that overflow or underflow one.
 * So a tree it returns always has exactly one canonical form. Thread-safe.
 */
public final class StrictJson {
  private final JsonLimits limits;
  private final ObjectMapper mapper;

  public StrictJson(JsonLimits limits) {
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
                    .maxNumberLength(JsonLimits.MAX_NUMBER_CHARS)
                    .build())
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
  }

  public JsonLimits limits() {
    return limits;
  }

  /** Parses a JSON text given as a Java string; raw unpaired surrogates are refused first. */
  public JsonNode parse(String json) throws JsonFormatException {
    int bad = firstLoneSurrogate(json);
    if (bad >= 0) {
      throw new JsonFormatException(
          Reason.LONE_SURROGATE, "", "unpaired surrogate at char " + bad, null);
    }
    return parse(json.getBytes(StandardCharsets.UTF_8));
  }

  /** Parses UTF-8 JSON bytes. */
  public JsonNode parse(byte[] utf8) throws JsonFormatException {
    if (utf8 == null || utf8.length == 0) {
      throw new JsonFormatException(Reason.MALFORMED_JSON, "", "empty input", null);
    }
    if (utf8.length > limits.maxBytes()) {
      throw new JsonFormatException(
          Reason.TOO_LARGE, "", utf8.length + " bytes, limit " + limits.maxBytes(), null);
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
      throw new JsonFormatException(Reason.MALFORMED_JSON, "", "not UTF-8", e);
    }
    JsonNode node = read(text);
    if (node == null || node.isMissingNode()) {
      throw new JsonFormatException(Reason.MALFORMED_JSON, "", "empty input", null);
    }
    check(node, null);
    return node;
  }

  /**
   * Checks a tree already in memory as {@link #parse} checks what it reads: the depth and
   * string-length bounds and every string and number {@link Jcs} would refuse or change. What
   * only bytes show (UTF-8 validity, grammar, duplicate member names, trailing data, document
   * size) cannot be checked on a tree; callers pass trees that this class read from bytes.
   */
  public void checkTree(JsonNode node) throws JsonFormatException {
    if (node == null || node.isMissingNode()) {
      throw new JsonFormatException(Reason.MALFORMED_JSON, "", "no value", null);
    }
    if (depth(node) > limits.maxDepth()) {
      throw new JsonFormatException(Reason.TOO_DEEP, "", "limit " + limits.maxDepth(), null);
    }
    check(node, null);
  }

  private JsonNode read(String text) throws JsonFormatException {
    JsonParser parser = null;
    try {
      parser = mapper.createParser(text);
      JsonNode node = mapper.readTree(parser);
      parser.close();
      return node;
    } catch (JsonProcessingException e) {
      throw translate(e, parser);
    } catch (IOException e) {
      throw new JsonFormatException(Reason.MALFORMED_JSON, "", "unreadable", e);
    } catch (IllegalArgumentException e) {
      // Jackson reports a number BigDecimal cannot hold (exponent beyond int) unchecked
      Reason reason = e instanceof NumberFormatException ? Reason.UNSAFE_NUMBER
          : Reason.MALFORMED_JSON;
      throw new JsonFormatException(reason, pointer(parser), "unreadable value", e);
    }
  }

  private static String pointer(JsonParser p) {
    JsonStreamContext ctx = p == null ? null : p.getParsingContext();
    return ctx == null ? "" : ctx.pathAsPointer().toString();
  }

  private JsonFormatException translate(JsonProcessingException e, JsonParser p) {
    JsonStreamContext ctx = p == null ? null : p.getParsingContext();
    String message = String.valueOf(e.getOriginalMessage());
    Reason reason;
    if (e instanceof StreamConstraintsException) {
      reason = ctx != null && ctx.getNestingDepth() >= limits.maxDepth() ? Reason.TOO_DEEP
          : Reason.TOO_LONG;
    } else if (message.toLowerCase(Locale.ROOT).startsWith("duplicate")) {
      // Jackson's STRICT_DUPLICATE_DETECTION has no exception type of its own; the tests
      // (StrictJsonTest, ManifestStrictnessTest.duplicateKeys) notice if its wording changes
      reason = Reason.DUPLICATE_KEY;
    } else {
      reason = Reason.MALFORMED_JSON;
    }
    return new JsonFormatException(reason, pointer(p), message, e);
  }

  /**
   * One unescaped reference token below {@code parent} ({@code null} is the root): the JSON
   * Pointer string is built only when a check fails, not once per node of every valid document.
   */
  private record Path(Path parent, String token, int index) {
    Path(Path parent, String token) {
      this(parent, token, -1);
    }

    Path(Path parent, int index) {
      this(parent, null, index);
    }

    static String pointer(Path p) {
      return p == null ? "" : pointer(p.parent) + "/"
          + (p.token == null ? Integer.toString(p.index) : escapePointer(p.token));
    }
  }

  /** Walks the tree for strings and numbers JCS would refuse or change. */
  private void check(JsonNode node, Path path) throws JsonFormatException {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> member : node.properties()) {
        if (member.getKey().length() > limits.maxStringLength()) {
          throw new JsonFormatException(Reason.TOO_LONG,
              Path.pointer(new Path(path, member.getKey())), "member name too long", null);
        }
        if (firstLoneSurrogate(member.getKey()) >= 0) {
          throw new JsonFormatException(Reason.LONE_SURROGATE,
              Path.pointer(new Path(path, member.getKey())), "in a member name", null);
        }
        check(member.getValue(), new Path(path, member.getKey()));
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        check(node.get(i), new Path(path, i));
      }
    } else if (node.isTextual()) {
      if (node.textValue().length() > limits.maxStringLength()) {
        throw new JsonFormatException(Reason.TOO_LONG, Path.pointer(path), "string too long",
            null);
      }
      if (firstLoneSurrogate(node.textValue()) >= 0) {
        throw new JsonFormatException(Reason.LONE_SURROGATE, Path.pointer(path), "in a string",
            null);
      }
    } else if (node.isNumber()) {
      String problem = Jcs.numberProblem(node);
      if (problem != null) {
        throw new JsonFormatException(Reason.UNSAFE_NUMBER, Path.pointer(path), problem, null);
      }
    }
  }

  /** RFC 6901 escaping of one reference token. */
  public static String escapePointer(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  /** Nesting depth of {@code node}: 0 for a scalar, 1 for a flat object or array. */
  public static int depth(JsonNode node) {
    int max = 0;
    for (JsonNode child : node) {
      max = Math.max(max, depth(child));
    }
    return node.isContainerNode() ? max + 1 : 0;
  }

  /** Index of the first unpaired surrogate in {@code s}, or -1. */
  public static int firstLoneSurrogate(String s) {
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
