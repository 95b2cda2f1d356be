package dev.toolseal.verifier.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.gate.GateRefusedException.Refusal;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.EntryKind;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the gate checks when a request is actually sent: which part of the manifest a request
 * uses, and whether the verdict in force lets it through. Pure; the gate calls it under its lock.
 */
final class SendCheck {
    /** Requests that only read what is verified anyway (the SDK sends some of them by itself). */
    private static final Set<String> UNGATED = Set.of(McpSchema.METHOD_INITIALIZE, McpSchema.METHOD_PING,
            McpSchema.METHOD_TOOLS_LIST, McpSchema.METHOD_PROMPT_LIST, McpSchema.METHOD_RESOURCES_LIST,
            McpSchema.METHOD_RESOURCES_TEMPLATES_LIST);

    /** The requests that use an entry and that the gate sends (their entry from {@link RequestEntry}). */
    private static final Set<String> SENT = Set.of(McpSchema.METHOD_TOOLS_CALL, McpSchema.METHOD_PROMPT_GET,
            McpSchema.METHOD_RESOURCES_READ);

    private SendCheck() {
    }

    /**
     * The part {@code method} uses: {@code tool:<name>} for tools/call, {@code prompt:<name>} for
     * prompts/get, {@code resource:<uri>} for resources/read; empty for the list and handshake
     * requests. Any other request, or one whose name or uri is not a string, is refused.
     */
    static Optional<EntryKey> part(String method, JsonNode params) throws GateRefusedException {
        if (UNGATED.contains(method)) {
            return Optional.empty();
        }
        if (!SENT.contains(method)) {
            throw refused(Refusal.NOT_VERIFIED, "the gate does not send " + method + " requests");
        }
        return Optional.of(RequestEntry.of(method, params).orElseThrow(() -> refused(Refusal.NOT_VERIFIED,
                method + " without a string " + (method.equals(McpSchema.METHOD_RESOURCES_READ) ? "uri" : "name"))));
    }

    /**
     * Throws unless {@code verdict} (null while a verification is pending) lets {@code part} be
     * used; {@code current} says whether the request's session is still the gate's session.
     */
    static void allow(EntryKey part, Verdict verdict, boolean current) throws GateRefusedException {
        Optional<String> tool = part.kind() == EntryKind.TOOL ? Optional.of(part.id()) : Optional.empty();
        if (verdict == null || !current) {
            throw new GateRefusedException(Refusal.VERIFICATION_PENDING, tool, List.of());
        }
        if (verdict.serverRejected()) {
            throw new GateRefusedException(Refusal.SERVER_REJECTED, tool, verdict.reasons());
        }
        if (!verdict.allows(part)) {
            throw new GateRefusedException(Refusal.NOT_VERIFIED, tool,
                    verdict.reasons().stream().filter(r -> r.concerns(part)).toList());
        }
    }

    /** The gate's own refusal carried somewhere in what the SDK client threw, if it is one. */
    static Optional<GateRefusedException> refusalIn(Throwable thrown) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth++ < 64; t = t.getCause()) {
            if (t instanceof GateRefusedException refused) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }

    private static GateRefusedException refused(Refusal refusal, String why) {
        return new GateRefusedException(refusal, Optional.empty(), List.of(GateReason.server(GateReason.Kind.GATE_RULE,
                why)));
    }
}
