package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/**
 * The mechanical part of bridging a legacy client to a modern server (docs/design/eras.md,
 * section 7): the client's requests gain the modern {@code _meta} the server needs, and the
 * server's answers lose the modern members a legacy client does not know. Pure.
 */
final class Bridge {
  private Bridge() {}

  /**
   * {@code m} as the modern server needs it: its params with {@code _meta} naming {@code
   * version}, the capabilities the client declared in its {@code initialize}, and the guard as
   * the client (other {@code _meta} members of the client's are kept).
   */
  static RpcMessage request(RpcMessage m, String version, JsonNode clientCapabilities) {
    ObjectNode tree = m.tree();
    JsonNode params = tree.get("params");
    ObjectNode p = params instanceof ObjectNode o ? o : tree.putObject("params");
    JsonNode meta = p.get("_meta");
    ObjectNode merged = meta instanceof ObjectNode o ? o : p.putObject("_meta");
    merged.setAll(ModernMeta.own(version, clientCapabilities));
    return new RpcMessage(m.kind(), tree, m.method(), m.id());
  }

  /**
   * A modern answer as a legacy client reads it: without {@code resultType}, {@code ttlMs},
   * {@code cacheScope} and the server identity in {@code _meta} (which was verified and is
   * carried by the bridged initialize instead); empty when it is not a result.
   */
  static Optional<ObjectNode> legacyAnswer(RpcMessage m) {
    if (!m.isResult() || !m.tree().get("result").isObject()) {
      return Optional.empty();
    }
    ObjectNode tree = m.tree();
    ObjectNode result = (ObjectNode) tree.get("result");
    result.remove("resultType");
    result.remove("ttlMs");
    result.remove("cacheScope");
    if (result.get("_meta") instanceof ObjectNode meta) {
      meta.remove(ModernMeta.SERVER_INFO);
      if (meta.isEmpty()) {
        result.remove("_meta");
      }
    }
    return Optional.of(tree);
  }
}
