package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.mcp.ListKind;
import dev.toolseal.verifier.mcp.ListWalk;
import dev.toolseal.verifier.mcp.McpRecordingException;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import dev.toolseal.verifier.mcp.RawSnapshot;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Records every page of every list the upstream declares ({@code tools}, {@code prompts},
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

  RawSnapshot record(JsonNode clientCapabilities, JsonNode initializeResult)
      throws McpRecordingException {
    JsonNode declared = initializeResult.path("capabilities");
    Map<ListKind, List<JsonNode>> pages = new EnumMap<>(ListKind.class);
    ListWalk walk = new ListWalk(bounds.maxPages(), bounds.maxTotalChars());
    for (ListKind kind : ListKind.values()) {
      if (declared.has(kind.capability())) {
        walk.pages(kind, this::page).ifPresent(list -> pages.put(kind, list));
      }
    }
    return new RawSnapshot(initializeResult, clientCapabilities, pages);
  }

  /** One page over the channel; empty for templates a server does not implement. */
  private Optional<JsonNode> page(ListKind kind, String cursor) throws McpRecordingException {
    ObjectNode params = JsonNodeFactory.instance.objectNode();
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
