package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.gate.GateReason;
import dev.toolseal.verifier.manifest.EntryKey;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The JSON-RPC messages the guard writes itself. A refusal is an error with code {@link
 * #REFUSED} whose {@code data.toolseal} says why: {@code refusal} ({@code SERVER_REJECTED},
 * {@code NOT_VERIFIED}, {@code UPSTREAM_CLOSED}, {@code ID_IN_USE}, {@code ALREADY_INITIALIZED}),
 * {@code server}, {@code entry}, {@code manifestDigest} and {@code reasons} (each with
 * {@code entry}, {@code kind}, {@code pointers}, {@code renamedTo} and {@code text}).
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

  static ObjectNode refusal(RpcId id, String refusal, String server, String method,
      EntryKey entry, String manifestDigest, List<GateReason> reasons) {
    String why = reasons.stream().map(GateReason::text).collect(Collectors.joining(" | "));
    ObjectNode o = error(id, REFUSED, "ToolSeal guard refused " + method
        + (entry == null ? "" : " of " + entry) + " (" + refusal + ")"
        + (why.isEmpty() ? "" : ": " + why));
    ObjectNode t = ((ObjectNode) o.get("error")).putObject("data").putObject("toolseal");
    t.put("refusal", refusal);
    t.put("server", server);
    if (entry != null) {
      t.put("entry", entry.toString());
    }
    t.put("manifestDigest", manifestDigest);
    ArrayNode rs = t.putArray("reasons");
    for (GateReason r : reasons) {
      ObjectNode x = rs.addObject();
      r.key().ifPresent(k -> x.put("entry", k.toString()));
      x.put("kind", r.kind().name());
      ArrayNode pointers = x.putArray("pointers");
      r.pointers().forEach(pointers::add);
      r.renamedTo().ifPresent(k -> x.put("renamedTo", k.toString()));
      x.put("text", r.text());
    }
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
