package dev.toolseal.verifier.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The paging rules every recorder of a snapshot applies, whatever carries its requests (the SDK
 * client here, the {@code guard} relay's own channel in publisher-cli): every page of a list is
 * fetched until {@code nextCursor} is absent; more than {@code maxPages} pages, more than {@code
 * maxTotalChars} characters over the whole snapshot, a repeated or non-string cursor, or a page
 * that is not an object with the list's items array fail the recording. A server that declares
 * {@code resources} but does not implement {@code resources/templates/list} (its first page is
 * -32601) simply has no templates. One walk per snapshot: it keeps the snapshot's size budget.
 */
public final class ListWalk {
    /** Fetches one page of one list. */
    @FunctionalInterface
    public interface PageSource {
        /**
         * The raw result of the page at {@code cursor} ({@code null} for the first page), or empty
         * when the server answered that it does not implement the method (-32601).
         */
        Optional<JsonNode> page(ListKind kind, String cursor) throws McpRecordingException;
    }

    private final int maxPages;
    private final long maxTotalChars;
    private long chars;

    public ListWalk(int maxPages, long maxTotalChars) {
        this.maxPages = maxPages;
        this.maxTotalChars = maxTotalChars;
    }

    /**
     * The raw result of every page of {@code kind}, or empty if the list is resource templates and
     * the server does not implement the method.
     */
    public Optional<List<JsonNode>> pages(ListKind kind, PageSource source) throws McpRecordingException {
        List<JsonNode> pages = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        String cursor = null;
        while (true) {
            if (pages.size() == maxPages) {
                throw new McpRecordingException(Reason.PAGE_LIMIT, kind.method() + " needs more than "
                        + maxPages + " pages", cursor == null ? "" : cursor);
            }
            Optional<JsonNode> page = source.page(kind, cursor);
            if (page.isEmpty()) {
                if (kind == ListKind.RESOURCE_TEMPLATES && pages.isEmpty()) {
                    return Optional.empty();
                }
                throw new McpRecordingException(Reason.SERVER_ERROR, kind.method()
                        + " stopped being implemented after its first page", cursor == null ? "" : cursor);
            }
            JsonNode result = page.get();
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
        if (chars > maxTotalChars) {
            throw new McpRecordingException(Reason.SIZE_LIMIT, "the snapshot exceeds "
                    + maxTotalChars + " chars at " + kind.method(), StrictJson.prefix(text));
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
}
