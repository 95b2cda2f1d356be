package dev.toolseal.verifier.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The raw definitions of one MCP server at one moment: exactly the JSON the server sent.
 *
 * <p>Trees are deep-copied in and out. {@code pages} holds a list only for the kinds the server
 * declared (resource templates also need the server to implement their method); each list holds
 * the raw {@code result} object of every page, first page first, {@code nextCursor} included.
 *
 * @param initializeResult   the raw {@code result} of {@code initialize}
 * @param clientCapabilities the {@code capabilities} the client sent in {@code initialize}
 * @param pages              the raw page results per declared list
 */
public record RawSnapshot(JsonNode initializeResult, JsonNode clientCapabilities,
        Map<ListKind, List<JsonNode>> pages) {

    public RawSnapshot {
        Objects.requireNonNull(initializeResult, "initializeResult");
        Objects.requireNonNull(clientCapabilities, "clientCapabilities");
        if (!initializeResult.isObject()) {
            throw new IllegalArgumentException("initialize result is not an object");
        }
        initializeResult = initializeResult.deepCopy();
        clientCapabilities = clientCapabilities.deepCopy();
        pages = copy(Objects.requireNonNull(pages, "pages"));
    }

    @Override
    public JsonNode initializeResult() {
        return initializeResult.deepCopy();
    }

    @Override
    public JsonNode clientCapabilities() {
        return clientCapabilities.deepCopy();
    }

    @Override
    public Map<ListKind, List<JsonNode>> pages() {
        return copy(pages);
    }

    /** Whether the snapshot holds a list of this kind (the server declared it). */
    public boolean has(ListKind kind) {
        return pages.containsKey(kind);
    }

    /** The raw entries of every page of one list, in server order; empty if not declared. */
    public List<JsonNode> entries(ListKind kind) {
        List<JsonNode> entries = new ArrayList<>();
        for (JsonNode page : pages.getOrDefault(kind, List.of())) {
            page.path(kind.itemsField()).forEach(entry -> entries.add(entry.deepCopy()));
        }
        return Collections.unmodifiableList(entries);
    }

    private static Map<ListKind, List<JsonNode>> copy(Map<ListKind, List<JsonNode>> source) {
        Map<ListKind, List<JsonNode>> copy = new EnumMap<>(ListKind.class);
        source.forEach((kind, list) -> {
            List<JsonNode> pageCopies = new ArrayList<>();
            for (JsonNode page : list) {
                if (!Objects.requireNonNull(page, "page").isObject()) {
                    throw new IllegalArgumentException(kind + " page is not an object");
                }
                pageCopies.add(page.deepCopy());
            }
            copy.put(Objects.requireNonNull(kind, "kind"), Collections.unmodifiableList(pageCopies));
        });
        return Collections.unmodifiableMap(copy);
    }
}
