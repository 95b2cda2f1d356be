package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One JSON-RPC 2.0 message, as parsed losslessly by {@link RpcParser}.
 *
 * @param kind what it is
 * @param tree the whole message (a copy is handed out)
 * @param method the method of a request or notification, else empty
 * @param id the id of a request or response, else empty
 */
public record RpcMessage(Kind kind, ObjectNode tree, Optional<String> method, Optional<RpcId> id) {
  /** The three shapes of a JSON-RPC message. */
  public enum Kind { REQUEST, NOTIFICATION, RESPONSE }

  public RpcMessage {
    Objects.requireNonNull(kind, "kind");
    tree = tree.deepCopy();
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(id, "id");
  }

  @Override
  public ObjectNode tree() {
    return tree.deepCopy();
  }

  /** Whether this is a request or notification with method {@code name}. */
  public boolean is(String name) {
    return method.map(name::equals).orElse(false);
  }

  /** The {@code params} object, or a missing node. */
  public JsonNode params() {
    return tree.path("params");
  }

  /** Whether this is a response carrying {@code result} (not {@code error}). */
  public boolean isResult() {
    return kind == Kind.RESPONSE && tree.has("result");
  }

  /** The compact JSON text of this message (lossless: numbers keep their spelling's scale). */
  public byte[] bytes() {
    return RpcParser.write(tree);
  }
}
