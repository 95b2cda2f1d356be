package dev.toolseal.verifier.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Walks every page of the lists of one snapshot through the SDK client and takes each page's
 * raw result from the {@link RecordingTransport}, never from the SDK's typed records. One pager
 * per snapshot: it also keeps the snapshot's size budget.
 */
final class ListPager {
    private static final int METHOD_NOT_FOUND = -32601;

    private final McpSyncClient client;
    private final RecordingTransport transport;
    private final RecordingLimits limits;
    private long chars;

    ListPager(McpSyncClient client, RecordingTransport transport, RecordingLimits limits) {
        this.client = client;
        this.transport = transport;
        this.limits = limits;
    }

    /**
     * The raw result of every page, or empty if the list is resource templates and the server
     * does not implement the method (it declared resources but answered -32601).
     */
    Optional<List<JsonNode>> pages(ListKind kind) throws McpRecordingException {
        List<JsonNode> pages = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        while (true) {
            if (pages.size() == limits.maxPages()) {
                throw new McpRecordingException(Reason.PAGE_LIMIT, kind.method() + " needs more than "
                        + limits.maxPages() + " pages", cursor);
            }
            Answers answers = new Answers(kind, cursor);
            transport.addListener(answers);
            try {
                request(kind, cursor);
            } catch (McpError e) {
                if (kind == ListKind.RESOURCE_TEMPLATES && pages.isEmpty() && transport.failure().isEmpty()
                        && e.getJsonRpcError() != null
                        && Objects.equals(e.getJsonRpcError().code(), METHOD_NOT_FOUND)) {
                    return Optional.empty();
                }
                throw RawSession.failure(e, transport);
            } finally {
                transport.removeListener(answers);
            }
            if (transport.failure().isPresent()) {
                throw transport.failure().orElseThrow();
            }
            JsonNode result = answers.agreed();
            if (!result.isObject() || !result.path(kind.itemsField()).isArray()) {
                throw new McpRecordingException(Reason.PROTOCOL, kind.method() + " result has no "
                        + kind.itemsField() + " array", StrictJson.prefix(StrictJson.write(result)));
            }
            pages.add(result);
            cursor = next(kind, result, seen);
            if (cursor == null) {
                return Optional.of(pages);
            }
        }
    }

    /** The page's nextCursor, or null at the end; counts the page against the size budget. */
    private String next(ListKind kind, JsonNode result, Set<String> seen) throws McpRecordingException {
        String text = StrictJson.write(result);
        chars += text.length();
        if (chars > limits.maxTotalChars()) {
            throw new McpRecordingException(Reason.SIZE_LIMIT, "the snapshot exceeds "
                    + limits.maxTotalChars() + " chars at " + kind.method(), StrictJson.prefix(text));
        }
        JsonNode next = result.get("nextCursor");
        if (next == null || next.isNull()) {
            return null;
        }
        if (!next.isTextual()) {
            throw new McpRecordingException(Reason.PROTOCOL, "nextCursor is not a string",
                    StrictJson.prefix(StrictJson.write(next)));
        }
        if (!seen.add(next.textValue())) {
            throw new McpRecordingException(Reason.REPEATED_CURSOR, kind.method()
                    + " returned a cursor it had returned before", next.textValue());
        }
        return next.textValue();
    }

    private void request(ListKind kind, String cursor) {
        switch (kind) {
            case TOOLS -> client.listTools(cursor);
            case PROMPTS -> client.listPrompts(cursor);
            case RESOURCES -> client.listResources(cursor);
            case RESOURCE_TEMPLATES -> client.listResourceTemplates(cursor);
            default -> throw new IllegalStateException("unknown list " + kind);
        }
    }

    /**
     * Collects the raw answers to one page request. The SDK client may list on its own at the
     * same moment (after a list_changed notification); answers to the same page must agree.
     */
    private static final class Answers implements RawTrafficListener {
        private final ListKind kind;
        private final Optional<String> cursor;
        private final List<RawResponse> seen = new CopyOnWriteArrayList<>();

        Answers(ListKind kind, String cursor) {
            this.kind = kind;
            this.cursor = Optional.ofNullable(cursor);
        }

        @Override
        public void onResponse(RawResponse response) {
            if (response.method().equals(kind.method()) && response.requestCursor().equals(cursor)
                    && response.result().isPresent()) {
                seen.add(response);
            }
        }

        JsonNode agreed() throws McpRecordingException {
            JsonNode answer = null;
            for (RawResponse r : seen) {
                JsonNode result = r.result().orElseThrow();
                if (answer == null) {
                    answer = result;
                } else if (!answer.equals(result)) {
                    throw new McpRecordingException(Reason.CHANGED_DURING_RECORDING, kind.method()
                            + " gave two different answers for the same page", StrictJson.prefix(r.text()));
                }
            }
            if (answer == null) {
                throw new McpRecordingException(Reason.PROTOCOL, kind.method()
                        + " succeeded but no raw answer was recorded", cursor.orElse(""));
            }
            return answer;
        }
    }
}
