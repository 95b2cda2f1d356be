package dev.toolseal.verifier.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.manifest.Era;
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
 * the raw {@code result} object of every page, first page first, {@code nextCursor} (and for a
 * modern server {@code resultType}, {@code ttlMs}, {@code cacheScope} and {@code _meta}) included.
 *
 * @param era                which protocol era the server was recorded in
 * @param serverResult       the raw {@code result} of {@code initialize} (legacy) or of
 *                           {@code server/discover} (modern), whole
 * @param protocolVersion    legacy: the version the server answered in {@code initialize};
 *                           modern: the version the recorder sent on every request and the
 *                           server accepted
 * @param clientCapabilities the {@code capabilities} the client sent in {@code initialize}, or
 *                           in each modern request's {@code _meta}
 * @param pages              the raw page results per declared list
 */
public record RawSnapshot(Era era, JsonNode serverResult, String protocolVersion,
        JsonNode clientCapabilities, Map<ListKind, List<JsonNode>> pages) {

    /** A legacy snapshot: an {@code initialize} result and the lists read on that session. */
    public RawSnapshot(JsonNode initializeResult, JsonNode clientCapabilities,
            Map<ListKind, List<JsonNode>> pages) {
        this(Era.LEGACY, initializeResult, Objects.requireNonNull(initializeResult, "initializeResult")
                .path("protocolVersion").asText(""), clientCapabilities, pages);
    }

    /** A modern snapshot: a {@code server/discover} result and the lists read at {@code version}. */
    public static RawSnapshot modern(JsonNode discoverResult, String protocolVersion,
            JsonNode clientCapabilities, Map<ListKind, List<JsonNode>> pages) {
        return new RawSnapshot(Era.MODERN, discoverResult, protocolVersion, clientCapabilities,
                pages);
    }

    public RawSnapshot {
        Objects.requireNonNull(era, "era");
        Objects.requireNonNull(serverResult, "serverResult");
        Objects.requireNonNull(protocolVersion, "protocolVersion");
        Objects.requireNonNull(clientCapabilities, "clientCapabilities");
        if (!serverResult.isObject()) {
            throw new IllegalArgumentException((era == Era.LEGACY ? "initialize" : "discover")
                    + " result is not an object");
        }
        serverResult = serverResult.deepCopy();
        clientCapabilities = clientCapabilities.deepCopy();
        pages = copy(Objects.requireNonNull(pages, "pages"));
    }

    @Override
    public JsonNode serverResult() {
        return serverResult.deepCopy();
    }

    /** The raw {@code initialize} result of a legacy snapshot. */
    public JsonNode initializeResult() {
        if (era != Era.LEGACY) {
            throw new IllegalStateException("a modern snapshot has no initialize result");
        }
        return serverResult.deepCopy();
    }

    /** The raw {@code server/discover} result of a modern snapshot. */
    public JsonNode discoverResult() {
        if (era != Era.MODERN) {
            throw new IllegalStateException("a legacy snapshot has no discover result");
        }
        return serverResult.deepCopy();
    }

    /** The capabilities the server declared, from {@code initialize} or {@code server/discover}. */
    public JsonNode serverCapabilities() {
        return serverResult.path("capabilities").deepCopy();
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
