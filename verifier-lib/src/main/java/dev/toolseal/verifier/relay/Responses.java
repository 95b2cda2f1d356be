package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON-RPC messages the guard writes itself. A refusal is an error with code {@link
 * #REFUSED}, the message {@code ToolSeal refused this request (<refusal>)} and {@code
 * data.toolseal} with {@code refusal} ({@code SERVER_REJECTED}, {@code NOT_VERIFIED}, {@code
 * UPSTREAM_CLOSED}, {@code ID_IN_USE}, {@code ALREADY_INITIALIZED}, {@code
 * SERVER_REQUEST_REFUSED}, {@code UNSUPPORTED_ERA}), {@code server}, {@code manifestDigest} and, when the entry is part
 * of the verified manifest, {@code entry}. Nothing the server or publisher wrote goes into it.
 */
public final class Responses {
  /** The error code of every refusal by the guard (JSON-RPC's implementation-defined range). */
  public static final int REFUSED = -32001;
  static final int METHOD_NOT_FOUND = -32601;
  static final int INVALID_PARAMS = -32602;

  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private Responses() {}

  static ObjectNode result(RpcId id, JsonNode result) {
    ObjectNode o = envelope(id);
    o.set("result", result);
    return o;
  }

  static ObjectNode error(RpcId id, int code, String message) {
    ObjectNode o = envelope(id);
    o.putObject("error").put("code", code).put("message", message);
    return o;
  }

  /** The error for {@code null} id (a message that could not be read). */
  public static ObjectNode error(int code, String message) {
    ObjectNode o = F.objectNode();
    o.put("jsonrpc", "2.0");
    o.putNull("id");
    o.putObject("error").put("code", code).put("message", message);
    return o;
  }

  /**
   * A refusal: fixed text only (docs/design/boundary.md, "Refusals"). {@code entry} is the entry
   * key as the caller may show it (already escaped), or {@code null}; the reasons never go here,
   * they go to the audit log and stderr.
   */
  static ObjectNode refusal(RpcId id, String refusal, String server, String entry,
      String manifestDigest) {
    ObjectNode o = error(id, REFUSED, "ToolSeal refused this request (" + refusal + ")");
    ObjectNode t = ((ObjectNode) o.get("error")).putObject("data").putObject("toolseal");
    t.put("refusal", refusal);
    t.put("server", server);
    if (entry != null) {
      t.put("entry", entry);
    }
    t.put("manifestDigest", manifestDigest);
    return o;
  }

  static ObjectNode request(RpcId id, String method, ObjectNode params) {
    ObjectNode o = envelope(id);
    o.put("method", method);
    o.set("params", params);
    return o;
  }

  private static ObjectNode envelope(RpcId id) {
    ObjectNode o = F.objectNode();
    o.put("jsonrpc", "2.0");
    o.set("id", id.node());
    return o;
  }
}
