package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigInteger;
import java.util.Objects;

/**
 * A JSON-RPC id as sent: a string or an integer ({@code null} only in error responses). Two ids
 * are equal when they are the same JSON value: {@code 1} and {@code "1"} differ, {@code 1} and
 * {@code 1.0} are not ids at all (MCP ids are strings or integers).
 *
 * @param key a type-tagged text that is equal exactly for equal ids
 * @param node the id's JSON value (a copy is handed out)
 */
public record RpcId(String key, JsonNode node) {
  public RpcId {
    Objects.requireNonNull(key, "key");
    node = node.deepCopy();
  }

  @Override
  public JsonNode node() {
    return node.deepCopy();
  }

  /** The id {@code node}, or a failure if it is not a string or an integer. */
  static RpcId of(JsonNode node, boolean nullAllowed) throws RpcFormatException {
    if (node.isTextual()) {
      return new RpcId("s:" + node.textValue(), node);
    }
    if (node.isIntegralNumber()) {
      BigInteger value = node.bigIntegerValue();
      return new RpcId("n:" + value, node);
    }
    if (node.isNull() && nullAllowed) {
      return new RpcId("null", node);
    }
    throw new RpcFormatException(RpcFormatException.INVALID_REQUEST,
        "an id must be a string or an integer");
  }

  /** Whether this is the {@code null} id of an error answering an unreadable message. */
  public boolean isNull() {
    return node.isNull();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RpcId other && key.equals(other.key);
  }

  @Override
  public int hashCode() {
    return key.hashCode();
  }

  @Override
  public String toString() {
    return node.toString();
  }
}
