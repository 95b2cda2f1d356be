package dev.toolseal.verifier.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.EntryKind;
import java.util.Optional;
import java.util.Set;

/**
 * Which manifest entry a client request uses, read from its params exactly as they are sent: the
 * one place both front ends (this gate's {@link SendCheck}, the {@code guard} relay) take it
 * from. {@code tools/call} uses {@code tool:<name>}, {@code prompts/get} {@code prompt:<name>},
 * {@code resources/read|subscribe|unsubscribe} {@code resource:<uri>}, {@code completion/complete}
 * the prompt or resource template its {@code ref} names.
 */
public final class RequestEntry {
    private static final Set<String> USING_AN_ENTRY = Set.of("tools/call", "prompts/get",
            "resources/read", "resources/subscribe", "resources/unsubscribe", "completion/complete");

    private RequestEntry() {
    }

    /** Whether requests with {@code method} use a manifest entry (and may use only an allowed one). */
    public static boolean usesEntry(String method) {
        return USING_AN_ENTRY.contains(method);
    }

    /**
     * The entry a {@code method} request with {@code params} uses; empty when the method uses none
     * or its params do not name one as a string (a request that must then be refused).
     */
    public static Optional<EntryKey> of(String method, JsonNode params) {
        return switch (method) {
            case "tools/call" -> key(EntryKind.TOOL, params.path("name"));
            case "prompts/get" -> key(EntryKind.PROMPT, params.path("name"));
            case "resources/read", "resources/subscribe", "resources/unsubscribe" ->
                    key(EntryKind.RESOURCE, params.path("uri"));
            case "completion/complete" -> switch (params.path("ref").path("type").asText()) {
                case "ref/prompt" -> key(EntryKind.PROMPT, params.path("ref").path("name"));
                case "ref/resource" -> key(EntryKind.RESOURCE_TEMPLATE, params.path("ref").path("uri"));
                default -> Optional.empty();
            };
            default -> Optional.empty();
        };
    }

    private static Optional<EntryKey> key(EntryKind kind, JsonNode id) {
        return id.isTextual() ? Optional.of(new EntryKey(kind, id.textValue())) : Optional.empty();
    }
}
