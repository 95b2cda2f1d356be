package dev.toolseal.verifier.mcp;

import io.modelcontextprotocol.spec.McpSchema;
import java.util.Objects;

/** Records one {@link RawSnapshot} of a server: connect, initialize, list everything, close. */
public final class McpRecorder {
    private final RecordingLimits limits;

    public McpRecorder(RecordingLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    /**
     * Starts or connects to the server, initializes with {@code capabilities}, records every
     * declared list (all pages) and closes the session (a stdio server is stopped).
     */
    public RawSnapshot record(McpEndpoint endpoint, McpSchema.ClientCapabilities capabilities)
            throws McpRecordingException {
        try (RawSession session = RawSession.open(endpoint, capabilities, limits)) {
            return session.snapshot();
        }
    }
}
