package dev.toolseal.verifier.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import java.util.Optional;

/**
 * One JSON-RPC response exactly as the server sent it, paired with the request it answers.
 *
 * <p>Trees are deep-copied in and out, so a record can be shared freely.
 *
 * @param id     the JSON-RPC id (a string or number node)
 * @param method the request's method, e.g. {@code tools/list}
 * @param params the request's params as sent ({@code null} node if it had none)
 * @param result the raw {@code result} member, or empty if the server answered with an error
 * @param error  the raw {@code error} member, or empty on success
 * @param text   the whole message as received, after the transport decoded it to text
 */
public record RawResponse(JsonNode id, String method, JsonNode params, Optional<JsonNode> result,
        Optional<JsonNode> error, String text) {

    public RawResponse {
        id = Objects.requireNonNull(id, "id").deepCopy();
        Objects.requireNonNull(method, "method");
        params = Objects.requireNonNull(params, "params").deepCopy();
        result = Objects.requireNonNull(result, "result").map(JsonNode::deepCopy);
        error = Objects.requireNonNull(error, "error").map(JsonNode::deepCopy);
        Objects.requireNonNull(text, "text");
        if (result.isPresent() == error.isPresent()) {
            throw new IllegalArgumentException("exactly one of result and error must be present");
        }
    }

    @Override
    public JsonNode id() {
        return id.deepCopy();
    }

    @Override
    public JsonNode params() {
        return params.deepCopy();
    }

    @Override
    public Optional<JsonNode> result() {
        return result.map(JsonNode::deepCopy);
    }

    @Override
    public Optional<JsonNode> error() {
        return error.map(JsonNode::deepCopy);
    }

    /** The list this response belongs to, if it answers one of the four list methods. */
    public Optional<ListKind> listKind() {
        return ListKind.ofMethod(method);
    }

    /** The {@code cursor} the request carried, or empty for a first page. */
    public Optional<String> requestCursor() {
        JsonNode cursor = params.get("cursor");
        return cursor != null && cursor.isTextual() ? Optional.of(cursor.textValue()) : Optional.empty();
    }
}
