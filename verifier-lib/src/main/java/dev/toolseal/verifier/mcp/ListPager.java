package dev.toolseal.verifier.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Walks every page of the lists of one snapshot through the SDK client and takes each page's
 * raw result from the {@link RecordingTransport}, never from the SDK's typed records. One pager
 * per snapshot: its {@link ListWalk} keeps the snapshot's size budget.
 */
final class ListPager {
    private static final int METHOD_NOT_FOUND = -32601;

    private final McpSyncClient client;
    private final RecordingTransport transport;
    private final ListWalk walk;

    ListPager(McpSyncClient client, RecordingTransport transport, RecordingLimits limits) {
        this.client = client;
        this.transport = transport;
        this.walk = new ListWalk(limits.maxPages(), limits.maxTotalChars());
    }

    /**
     * The raw result of every page, or empty if the list is resource templates and the server
     * does not implement the method (it declared resources but answered -32601); the paging
     * rules are {@link ListWalk}'s.
     */
    Optional<List<JsonNode>> pages(ListKind kind) throws McpRecordingException {
        return walk.pages(kind, this::page);
    }

    /** One page through the SDK client, its raw result taken from the transport. */
    private Optional<JsonNode> page(ListKind kind, String cursor) throws McpRecordingException {
        Answers answers = new Answers(kind, cursor);
        transport.addListener(answers);
        try {
            request(kind, cursor);
        } catch (McpError e) {
            if (kind == ListKind.RESOURCE_TEMPLATES && cursor == null && transport.failure().isEmpty()
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
        return Optional.of(answers.agreed());
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
