package dev.toolseal.verifier.gate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolseal.verifier.manifest.Era;
import dev.toolseal.verifier.manifest.ManifestAssembler;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.RawSession;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.mcp.ListKind;
import dev.toolseal.verifier.mcp.McpEndpoint;
import dev.toolseal.verifier.mcp.McpRecorder;
import dev.toolseal.verifier.mcp.McpRecordingException;
import dev.toolseal.verifier.mcp.RawSnapshot;
import dev.toolseal.verifier.mcp.RecordingLimits;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;

/** Turns a raw snapshot of a live server into the {@link ToolManifest} a verifier judges. */
public final class LiveManifests {
    private static final ObjectMapper WRITER = new ObjectMapper();

    private LiveManifests() {
    }

    /** The manifest of {@code snapshot}, built from its raw JSON only, as release {@code server}. */
    public static ToolManifest of(ServerRef server, RawSnapshot snapshot) throws ManifestException {
        return of(server, snapshot, snapshot.clientCapabilities());
    }

    /**
     * The manifest of {@code snapshot} with {@code comparedCapabilities} as its client
     * capabilities: the gate engine judges what the server said against a reference recorded
     * with the reference's capabilities, whatever the real client declared.
     */
    public static ToolManifest of(ServerRef server, RawSnapshot snapshot, JsonNode comparedCapabilities)
            throws ManifestException {
        return new ManifestAssembler().assemble(session(server, snapshot, comparedCapabilities));
    }

    /**
     * The manifest assembler's input for {@code snapshot}, in the snapshot's era, with {@code
     * comparedCapabilities} as the client capabilities.
     */
    public static RawSession session(ServerRef server, RawSnapshot snapshot,
            JsonNode comparedCapabilities) {
        Map<ListKind, List<JsonNode>> pages = snapshot.pages(); // one copy, not one per list
        return new RawSession(server, snapshot.era(), text(comparedCapabilities),
                text(snapshot.serverResult()),
                snapshot.era() == Era.MODERN ? snapshot.protocolVersion() : "",
                texts(pages, ListKind.TOOLS), texts(pages, ListKind.PROMPTS),
                texts(pages, ListKind.RESOURCES), texts(pages, ListKind.RESOURCE_TEMPLATES));
    }

    /** Starts or connects to {@code endpoint}, records it once and returns its manifest. */
    public static ToolManifest record(McpEndpoint endpoint, ServerRef server,
            McpSchema.ClientCapabilities capabilities, RecordingLimits limits)
            throws McpRecordingException, ManifestException {
        return record(endpoint, server, capabilities, limits, null);
    }

    /**
     * As {@link #record(McpEndpoint, ServerRef, McpSchema.ClientCapabilities, RecordingLimits)},
     * recording a server that speaks both eras in {@code preferred} (the era of the reference it
     * will be compared with; {@code null}: none, the modern era first).
     */
    public static ToolManifest record(McpEndpoint endpoint, ServerRef server,
            McpSchema.ClientCapabilities capabilities, RecordingLimits limits, Era preferred)
            throws McpRecordingException, ManifestException {
        return of(server, new McpRecorder(limits).record(endpoint, capabilities, preferred));
    }

    private static List<String> texts(Map<ListKind, List<JsonNode>> pages, ListKind kind) {
        return pages.getOrDefault(kind, List.of()).stream().map(LiveManifests::text).toList();
    }

    private static String text(JsonNode node) {
        try {
            return WRITER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a recorded JSON tree could not be written", e);
        }
    }
}
