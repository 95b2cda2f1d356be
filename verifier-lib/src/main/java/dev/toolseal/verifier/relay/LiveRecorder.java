package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.mcp.ListKind;
import dev.toolseal.verifier.mcp.ListWalk;
import dev.toolseal.verifier.mcp.McpRecordingException;
import dev.toolseal.verifier.mcp.ModernWire;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import dev.toolseal.verifier.mcp.RawSnapshot;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records every page of every list the upstream declares (legacy: in its {@code initialize}
 * result; modern: in its {@code server/discover} result, which is requested here) ({@code tools}, {@code prompts},
 * {@code resources} with their templates) over a {@link RequestChannel}, with verifier-lib's
 * paging rules ({@link ListWalk}, the same code its recorder uses; docs/design/mcp-capture.md).
 * An error answer fails the recording, except -32601 to the first page of
 * {@code resources/templates/list} (the server simply has no templates).
 */
final class LiveRecorder {
  private static final int METHOD_NOT_FOUND = -32601;

  private final RequestChannel channel;
  private final GuardSettings.RecordingBounds bounds;

  LiveRecorder(RequestChannel channel, GuardSettings.RecordingBounds bounds) {
    this.channel = channel;
    this.bounds = bounds;
  }

  /** Records a legacy server, on a session initialized with {@code initializeResult}. */
  RawSnapshot record(JsonNode clientCapabilities, JsonNode initializeResult)
      throws McpRecordingException {
    return new RawSnapshot(initializeResult, clientCapabilities,
        lists(initializeResult.path("capabilities"), null));
  }

  /**
   * Records a modern server: {@code server/discover}, then every list it declares, each request
   * with the modern {@code _meta} naming {@code protocolVersion} and {@code clientCapabilities}.
   */
  RawSnapshot recordModern(String protocolVersion, JsonNode clientCapabilities)
      throws McpRecordingException {
    ObjectNode meta = ModernMeta.own(protocolVersion, clientCapabilities);
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    params.set("_meta", meta.deepCopy());
    JsonNode response = channel.request("server/discover", params);
    JsonNode error = response.get("error");
    if (error != null) {
      throw new McpRecordingException(Reason.SERVER_ERROR, "server/discover failed",
          RpcParser.text(error));
    }
    JsonNode discover = response.path("result");
    if (!ModernWire.isDiscoverResult(discover)) {
      throw new McpRecordingException(Reason.PROTOCOL, "server/discover did not answer with"
          + " a discover result", RpcParser.text(response));
    }
    return RawSnapshot.modern(discover, protocolVersion, clientCapabilities,
        lists(discover.path("capabilities"), meta));
  }

  private Map<ListKind, List<JsonNode>> lists(JsonNode declared, ObjectNode meta)
      throws McpRecordingException {
    Map<ListKind, List<JsonNode>> pages = new EnumMap<>(ListKind.class);
    ListWalk walk = new ListWalk(bounds.maxPages(), bounds.maxTotalChars());
    for (ListKind kind : ListKind.values()) {
      if (declared.has(kind.capability())) {
        walk.pages(kind, (k, cursor) -> page(k, cursor, meta))
            .ifPresent(list -> pages.put(kind, list));
      }
    }
    return pages;
  }

  /** One page over the channel; empty for templates a server does not implement. */
  private Optional<JsonNode> page(ListKind kind, String cursor, ObjectNode meta)
      throws McpRecordingException {
    ObjectNode params = JsonNodeFactory.instance.objectNode();
    if (meta != null) {
      params.set("_meta", meta.deepCopy());
    }
    if (cursor != null) {
      params.put("cursor", cursor);
    }
    JsonNode response = channel.request(kind.method(), params);
    JsonNode error = response.get("error");
    if (error != null) {
      if (kind == ListKind.RESOURCE_TEMPLATES && cursor == null
          && error.path("code").asInt() == METHOD_NOT_FOUND) {
        return Optional.empty();
      }
      throw new McpRecordingException(Reason.SERVER_ERROR, kind.method() + " failed",
          RpcParser.text(error));
    }
    JsonNode result = response.get("result");
    return Optional.of(result == null ? MissingNode.getInstance() : result);
  }
}
