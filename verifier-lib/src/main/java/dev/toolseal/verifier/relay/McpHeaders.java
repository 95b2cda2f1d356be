package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.mcp.ModernWire;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The request headers of the modern Streamable HTTP transport (MCP 2026-07-28, "Request
 * Metadata"; docs/design/eras.md, section 8): {@code MCP-Protocol-Version}, {@code Mcp-Method}
 * and, for {@code tools/call}, {@code prompts/get} and {@code resources/read}, {@code Mcp-Name},
 * each mirroring a member of the body. The guard computes them from the body it sends (never
 * copies a client's) and, as a server, refuses a request whose headers and body disagree: an
 * intermediary routing on the header and a server acting on the body must see the same request.
 */
public final class McpHeaders {
  public static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
  public static final String METHOD = "Mcp-Method";
  public static final String NAME = "Mcp-Name";
  /** -32020: the headers and the body of a request disagree. */
  public static final int HEADER_MISMATCH = ModernWire.HEADER_MISMATCH;

  private static final String SENTINEL_START = "=?base64?";
  private static final String SENTINEL_END = "?=";

  private McpHeaders() {}

  /** Whether {@code message} is one modern request (an object naming a version in its _meta). */
  public static boolean isModernRequest(JsonNode message) {
    return message.isObject() && message.has("id") && message.path("method").isTextual()
        && message.path("params").path("_meta").path(ModernMeta.PROTOCOL_VERSION).isTextual();
  }

  /** The headers modern request {@code message} must carry, in sending order. */
  public static Map<String, String> of(JsonNode message) {
    Map<String, String> h = new LinkedHashMap<>();
    h.put(PROTOCOL_VERSION,
        message.path("params").path("_meta").path(ModernMeta.PROTOCOL_VERSION).asText());
    h.put(METHOD, message.path("method").asText());
    name(message).ifPresent(n -> h.put(NAME, encode(n)));
    return h;
  }

  /**
   * The first header of modern request {@code message} that is missing or disagrees with the
   * body (after decoding the Base64 form of {@code Mcp-Name}), or empty when all agree. {@code
   * header} gives a header's value by name, case-insensitively, or null when it is absent.
   */
  public static Optional<String> mismatch(JsonNode message, Function<String, String> header) {
    String version = message.path("params").path("_meta").path(ModernMeta.PROTOCOL_VERSION)
        .asText();
    if (!version.equals(header.apply(PROTOCOL_VERSION))) {
      return Optional.of(PROTOCOL_VERSION);
    }
    if (!message.path("method").asText().equals(header.apply(METHOD))) {
      return Optional.of(METHOD);
    }
    Optional<String> name = name(message);
    String sent = header.apply(NAME);
    if (name.isPresent() ? sent == null || !decode(sent).equals(name) : sent != null) {
      return Optional.of(NAME);
    }
    return Optional.empty();
  }

  /** The -32020 answer to a request whose {@code header} disagrees with its body (fixed text). */
  public static ObjectNode mismatchError(JsonNode id, String header) {
    ObjectNode o = Responses.error(HEADER_MISMATCH,
        "Header mismatch: " + header + " is missing or does not match the request body");
    if (id != null) {
      o.set("id", id.deepCopy());
    }
    return o;
  }

  /**
   * The {@code Mcp-Param-<name>} headers of a {@code tools/call} with {@code arguments}, for a
   * tool whose (verified) {@code inputSchema} annotates properties with {@code x-mcp-header}: one
   * per annotated property reached from the root through {@code properties} alone whose argument
   * is present and a string, an integer or a boolean, encoded as {@code Mcp-Name} is.
   * Annotations anywhere else are not followed (a verified tool has none: {@code SchemaRefs}).
   */
  public static Map<String, String> params(JsonNode arguments, JsonNode inputSchema) {
    Map<String, String> headers = new LinkedHashMap<>();
    Deque<Level> todo = new ArrayDeque<>();
    todo.push(new Level(inputSchema, arguments));
    while (!todo.isEmpty()) {
      Level at = todo.pop();
      for (Map.Entry<String, JsonNode> p : at.schema().path("properties").properties()) {
        JsonNode value = at.arguments().path(p.getKey());
        JsonNode name = p.getValue().path("x-mcp-header");
        String text = value.isTextual() ? value.textValue()
            : value.isIntegralNumber() || value.isBoolean() ? value.asText() : null;
        if (name.isTextual() && text != null) {
          headers.put("Mcp-Param-" + name.textValue(), encode(text));
        }
        if (value.isObject()) {
          todo.push(new Level(p.getValue(), value));
        }
      }
    }
    return headers;
  }

  /** A schema and the arguments at the same place. */
  private record Level(JsonNode schema, JsonNode arguments) {}

  /** The value {@code Mcp-Name} mirrors: {@code params.name} or {@code params.uri}. */
  private static Optional<String> name(JsonNode message) {
    JsonNode v = switch (message.path("method").asText()) {
      case "tools/call", "prompts/get" -> message.path("params").path("name");
      case "resources/read" -> message.path("params").path("uri");
      default -> null;
    };
    return v != null && v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
  }

  /**
   * A header value for {@code value}: as it is when it is visible ASCII or inner spaces only,
   * else (and when it looks like the encoded form itself) {@code =?base64?...?=} of its UTF-8.
   */
  static String encode(String value) {
    boolean plain = !value.isEmpty() && value.charAt(0) != ' '
        && value.charAt(value.length() - 1) != ' '
        && !(value.startsWith(SENTINEL_START) && value.endsWith(SENTINEL_END));
    for (int i = 0; plain && i < value.length(); i++) {
      char c = value.charAt(i);
      plain = c >= 0x20 && c <= 0x7e;
    }
    return plain ? value : SENTINEL_START
        + Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))
        + SENTINEL_END;
  }

  /** The value a header carries; empty when its encoded form is not valid Base64 of UTF-8. */
  static Optional<String> decode(String header) {
    if (!(header.startsWith(SENTINEL_START) && header.endsWith(SENTINEL_END)
        && header.length() >= SENTINEL_START.length() + SENTINEL_END.length())) {
      return Optional.of(header);
    }
    try {
      byte[] bytes = Base64.getDecoder().decode(
          header.substring(SENTINEL_START.length(), header.length() - SENTINEL_END.length()));
      return Optional.of(StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString());
    } catch (IllegalArgumentException | CharacterCodingException e) {
      return Optional.empty();
    }
  }
}
