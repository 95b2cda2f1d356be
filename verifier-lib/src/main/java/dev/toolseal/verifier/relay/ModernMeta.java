package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.manifest.ManifestAssembler;
import dev.toolseal.verifier.mcp.ModernWire;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The per-request {@code _meta} of the modern era (MCP 2026-07-28, docs/design/eras.md): which
 * protocol version, client capabilities and client information a request carries, and the
 * {@code _meta} the guard puts on its own requests.
 */
final class ModernMeta {
  static final String PROTOCOL_VERSION = ModernWire.PROTOCOL_VERSION;
  static final String CLIENT_CAPABILITIES = ModernWire.CLIENT_CAPABILITIES;
  static final String CLIENT_INFO = ModernWire.CLIENT_INFO;
  static final String SERVER_INFO = ManifestAssembler.SERVER_INFO_META;
  static final String SUBSCRIPTION_ID = "io.modelcontextprotocol/subscriptionId";
  /** What a protocol revision looks like: a date. */
  private static final Pattern REVISION = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  /** The first modern revision; every later one is modern too. */
  static final String FIRST_MODERN_VERSION = "2026-07-28";
  /** The newest legacy revision: what a bridged legacy client is told when it asks for none. */
  static final String LATEST_LEGACY_VERSION = "2025-11-25";
  /** -32022: the request's protocol version is not one the receiver speaks. */
  static final int UNSUPPORTED_PROTOCOL_VERSION = ModernWire.UNSUPPORTED_PROTOCOL_VERSION;

  private ModernMeta() {}

  /**
   * Whether client request {@code m} is of the modern era: it names a protocol version in its
   * {@code _meta}, or it is {@code server/discover} (which only modern clients send).
   */
  static boolean isModern(RpcMessage m) {
    return m.is("server/discover") || requestedVersion(m).isPresent();
  }

  /** The protocol version a request's {@code _meta} names. */
  static Optional<String> requestedVersion(RpcMessage m) {
    JsonNode v = m.params().path("_meta").path(PROTOCOL_VERSION);
    return v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
  }

  /** The client capabilities a request's {@code _meta} names (an empty object if none). */
  static JsonNode clientCapabilities(RpcMessage m) {
    JsonNode caps = m.params().path("_meta").path(CLIENT_CAPABILITIES);
    return caps.isObject() ? caps.deepCopy() : JsonNodeFactory.instance.objectNode();
  }

  /** The listen request a notification belongs to ({@code _meta}), or a missing node. */
  static JsonNode subscriptionId(RpcMessage m) {
    return m.params().path("_meta").path(SUBSCRIPTION_ID);
  }

  /** The {@code _meta} of a request of the guard's own. */
  static ObjectNode own(String protocolVersion, JsonNode clientCapabilities) {
    ObjectNode meta = JsonNodeFactory.instance.objectNode();
    meta.put(PROTOCOL_VERSION, protocolVersion);
    meta.set(CLIENT_CAPABILITIES, clientCapabilities.deepCopy());
    meta.putObject(CLIENT_INFO).put("name", "toolseal-guard").put("version", "0.1.0");
    return meta;
  }

  /**
   * The answer to a request at a version the guard does not relay: -32022 naming the one it
   * does, as a modern server would (the client may retry with it). Fixed text only.
   */
  static ObjectNode unsupportedVersion(RpcId id, String supported, Optional<String> requested) {
    ObjectNode o = Responses.error(id, UNSUPPORTED_PROTOCOL_VERSION,
        "Unsupported protocol version: ToolSeal relays this server at one version only");
    ObjectNode data = ((ObjectNode) o.get("error")).putObject("data");
    // the reference's version may come from what a server once answered (a legacy pin): only
    // a revision date goes to the client
    ArrayNode versions = data.putArray("supported");
    if (REVISION.matcher(supported).matches()) {
      versions.add(supported);
    }
    requested.ifPresent(r -> data.put("requested", r));
    return o;
  }
}
