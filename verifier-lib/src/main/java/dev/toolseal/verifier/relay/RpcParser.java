package dev.toolseal.verifier.relay;

import static dev.toolseal.verifier.json.StrictJson.firstLoneSurrogate;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The guard's one parser for the lines it relays: strict UTF-8, strict JSON (no duplicate
 * members, no trailing data, no unpaired surrogates, nesting at most 256), numbers exact with
 * their scale, member order kept; then the JSON-RPC 2.0 shape MCP uses ({@code "jsonrpc":
 * "2.0"}, ids strings or integers). A batch is a non-empty array of at most 1000 messages.
 * Every failure is an {@link RpcFormatException}.
 */
public final class RpcParser {
  static final int MAX_DEPTH = 256;
  public static final int MAX_BATCH = 1000;
  private static final ObjectMapper MAPPER = JsonMapper.builder(JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_DEPTH)
              .maxStringLength(Integer.MAX_VALUE).maxNumberLength(1000).build())
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build())
      .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
      .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
      .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
      .build();

  private RpcParser() {}

  /**
   * Parses one line (without its line break): a single message, or the messages of a batch.
   *
   * @return the messages; {@code batch} tells whether the line was an array
   */
  public static Parsed parse(byte[] line) throws RpcFormatException {
    JsonNode node = json(line);
    if (node.isArray()) {
      if (node.isEmpty() || node.size() > MAX_BATCH) {
        throw new RpcFormatException(RpcFormatException.INVALID_REQUEST,
            "a batch must hold 1 to " + MAX_BATCH + " messages");
      }
      List<RpcMessage> messages = new ArrayList<>();
      for (JsonNode element : node) {
        messages.add(message(element));
      }
      return new Parsed(true, messages);
    }
    return new Parsed(false, List.of(message(node)));
  }

  /** A parsed line: one message, or a batch. */
  public record Parsed(boolean batch, List<RpcMessage> messages) {
    public Parsed {
      messages = List.copyOf(messages);
    }
  }

  /** The JSON-RPC shape of one element. */
  static RpcMessage message(JsonNode node) throws RpcFormatException {
    if (!(node instanceof ObjectNode object)) {
      throw invalid("a message must be a JSON object");
    }
    if (!"2.0".equals(object.path("jsonrpc").textValue())) {
      throw invalid("jsonrpc must be \"2.0\"");
    }
    JsonNode method = object.get("method");
    JsonNode id = object.get("id");
    if (method != null) {
      if (!method.isTextual()) {
        throw invalid("method must be a string");
      }
      if (object.has("result") || object.has("error")) {
        throw invalid("a request carries no result or error");
      }
      JsonNode params = object.get("params");
      if (params != null && !params.isObject()) {
        throw invalid("MCP params must be an object");
      }
      if (id == null) {
        return new RpcMessage(RpcMessage.Kind.NOTIFICATION, object,
            Optional.of(method.textValue()), Optional.empty());
      }
      return new RpcMessage(RpcMessage.Kind.REQUEST, object, Optional.of(method.textValue()),
          Optional.of(RpcId.of(id, false)));
    }
    if (id == null) {
      throw invalid("a response needs an id");
    }
    boolean result = object.has("result");
    boolean error = object.has("error");
    if (result == error) {
      throw invalid("a response carries exactly one of result and error");
    }
    if (error && !object.get("error").isObject()) {
      throw invalid("error must be an object");
    }
    return new RpcMessage(RpcMessage.Kind.RESPONSE, object, Optional.empty(),
        Optional.of(RpcId.of(id, error)));
  }

  private static RpcFormatException invalid(String why) {
    return new RpcFormatException(RpcFormatException.INVALID_REQUEST, why);
  }

  /** Strict UTF-8, strict JSON. */
  public static JsonNode json(byte[] line) throws RpcFormatException {
    String text;
    try {
      text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(line))
          .toString();
    } catch (CharacterCodingException e) {
      throw new RpcFormatException(RpcFormatException.PARSE_ERROR, "not UTF-8", e);
    }
    JsonNode node;
    try (JsonParser parser = MAPPER.createParser(text)) {
      node = MAPPER.readTree(parser);
    } catch (JsonProcessingException e) {
      throw new RpcFormatException(RpcFormatException.PARSE_ERROR, "not strict JSON: "
          + e.getOriginalMessage(), e);
    } catch (IOException | IllegalArgumentException e) {
      throw new RpcFormatException(RpcFormatException.PARSE_ERROR, "unreadable JSON", e);
    }
    if (node == null || node.isMissingNode()) {
      throw new RpcFormatException(RpcFormatException.PARSE_ERROR, "empty message");
    }
    requireWellFormedStrings(node);
    return node;
  }

  /** Compact JSON text of a tree, members in their stored order. */
  public static byte[] write(JsonNode node) {
    try {
      return MAPPER.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** Compact JSON text of a tree, as a string. */
  public static String text(JsonNode node) {
    return new String(write(node), StandardCharsets.UTF_8);
  }

  private static void requireWellFormedStrings(JsonNode root) throws RpcFormatException {
    Deque<JsonNode> todo = new ArrayDeque<>();
    todo.push(root);
    while (!todo.isEmpty()) {
      JsonNode node = todo.pop();
      if (node.isTextual() && firstLoneSurrogate(node.textValue()) >= 0) {
        throw new RpcFormatException(RpcFormatException.PARSE_ERROR,
            "a string has an unpaired surrogate");
      }
      if (node.isObject()) {
        for (Map.Entry<String, JsonNode> member : node.properties()) {
          if (firstLoneSurrogate(member.getKey()) >= 0) {
            throw new RpcFormatException(RpcFormatException.PARSE_ERROR,
                "a member name has an unpaired surrogate");
          }
          todo.push(member.getValue());
        }
      } else if (node.isArray()) {
        node.forEach(todo::push);
      }
    }
  }
}
