package dev.toolseal.verifier.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * One JSON-RPC notification from the server, exactly as received.
 *
 * @param method the notification method, e.g. {@code notifications/tools/list_changed}
 * @param params the raw {@code params} member, or empty if there was none
 * @param text   the whole message as received
 */
public record RawNotification(String method, Optional<JsonNode> params, String text) {

    public RawNotification {
        Objects.requireNonNull(method, "method");
        params = Objects.requireNonNull(params, "params").map(JsonNode::deepCopy);
        Objects.requireNonNull(text, "text");
    }

    @Override
    public Optional<JsonNode> params() {
        return params.map(JsonNode::deepCopy);
    }

    /**
     * Whether this is a list_changed notification, and for which list. A resources list_changed
     * notification reports {@link ListKind#RESOURCES}; it covers the templates too.
     */
    public Optional<ListKind> listChanged() {
        return Arrays.stream(ListKind.values())
                .filter(kind -> kind.listChangedMethod().equals(method))
                .findFirst();
    }
}
