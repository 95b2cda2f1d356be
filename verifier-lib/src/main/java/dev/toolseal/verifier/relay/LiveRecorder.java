package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.mcp.ListKind;
import dev.toolseal.verifier.mcp.McpRecordingException;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Records every page of every list the upstream declares ({@code tools}, {@code prompts},
 * {@code resources} with their templates) over a {@link RequestChannel}, with the rules of
 * verifier-lib's recorder (docs/design/mcp-capture.md): a repeated cursor, too many pages, too
 * many characters, a non-string cursor or an error answer fail the recording; a server that
 * declares {@code resources} but answers {@code resources/templates/list} with -32601 on the
 * first page simply has no templates.
 */
final class LiveRecorder {
  private static final int METHOD_NOT_FOUND = -32601;

  private final RequestChannel channel;
  private final int maxPages;
  private final long maxTotalChars;

  LiveRecorder(RequestChannel channel, int maxPages, long maxTotalChars) {
    this.channel = channel;
    this.maxPages = maxPages;
    this.maxTotalChars = maxTotalChars;
  }

  LiveSnapshot record(JsonNode clientCapabilities, JsonNode initializeResult)
      throws McpRecordingException {
    JsonNode declared = initializeResult.path("capabilities");
    Map<ListKind, List<JsonNode>> pages = new EnumMap<>(ListKind.class);
    long[] total = {0};
    for (ListKind kind : ListKind.values()) {
      if (declared.has(kind.capability())) {
        List<JsonNode> list = list(kind, total);
        if (list != null) {
          pages.put(kind, list);
        }
      }
    }
    return new LiveSnapshot(clientCapabilities, initializeResult, pages);
  }

  /** Every page of one list; {@code null} for templates a server does not implement. */
  private List<JsonNode> list(ListKind kind, long[] total) throws McpRecordingException {
    List<JsonNode> pages = new ArrayList<>();
    Set<String> cursors = new HashSet<>();
    String cursor = null;
    while (true) {
      if (pages.size() == maxPages) {
        throw new McpRecordingException(Reason.PAGE_LIMIT, kind.method() + " has more than "
            + maxPages + " pages", "");
      }
      ObjectNode params = JsonNodeFactory.instance.objectNode();
      if (cursor != null) {
        params.put("cursor", cursor);
      }
      JsonNode response = channel.request(kind.method(), params);
      JsonNode error = response.get("error");
      if (error != null) {
        if (kind == ListKind.RESOURCE_TEMPLATES && pages.isEmpty()
            && error.path("code").asInt() == METHOD_NOT_FOUND) {
          return null;
        }
        throw new McpRecordingException(Reason.SERVER_ERROR, kind.method() + " failed",
            RpcParser.text(error));
      }
      JsonNode result = response.get("result");
      if (result == null || !result.isObject()) {
        throw new McpRecordingException(Reason.PROTOCOL, kind.method() + " result is not an "
            + "object", "");
      }
      total[0] += RpcParser.text(result).length();
      if (total[0] > maxTotalChars) {
        throw new McpRecordingException(Reason.SIZE_LIMIT, "the lists exceed " + maxTotalChars
            + " characters", "");
      }
      pages.add(result);
      JsonNode next = result.get("nextCursor");
      if (next == null || next.isNull()) {
        return pages;
      }
      if (!next.isTextual()) {
        throw new McpRecordingException(Reason.PROTOCOL, "nextCursor is not a string",
            RpcParser.text(next));
      }
      if (!cursors.add(next.textValue())) {
        throw new McpRecordingException(Reason.REPEATED_CURSOR, kind.method()
            + " repeated a cursor", next.textValue());
      }
      cursor = next.textValue();
    }
  }
}
