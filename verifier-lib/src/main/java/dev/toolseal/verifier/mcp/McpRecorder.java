package dev.toolseal.verifier.mcp;

import dev.toolseal.verifier.manifest.Era;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Objects;

/** Records one {@link RawSnapshot} of a server: connect, initialize, list everything, close. */
public final class McpRecorder {
    /** Snapshots taken in one session before a server that keeps changing is given up on. */
    static final int ATTEMPTS = 3;

    private final RecordingLimits limits;

    public McpRecorder(RecordingLimits limits) {
        this.limits = Objects.requireNonNull(limits, "limits");
    }

    McpRecorder(RecordingLimits limits, List<String> modernVersions) {
        this(limits);
    }

    public RawSnapshot record(McpEndpoint endpoint, McpSchema.ClientCapabilities capabilities, Era preferred)
            throws McpRecordingException {
        return record(endpoint, capabilities);
    }

    /**
     * Starts or connects to the server, initializes with {@code capabilities}, records every
     * declared list (all pages) and closes the session (a stdio server is stopped).
     *
     * <p>Servers may announce a list change right after {@code initialize} (the reference
     * "everything" server registers tools that depend on the client's capabilities); if a
     * list_changed notification arrives during the snapshot, the snapshot is taken again in the
     * same session, up to {@value #ATTEMPTS} times in all.
     */
    public RawSnapshot record(McpEndpoint endpoint, McpSchema.ClientCapabilities capabilities)
            throws McpRecordingException {
        try (RawSession session = RawSession.open(endpoint, capabilities, limits)) {
            for (int attempt = 1; ; attempt++) {
                try {
                    return session.snapshot();
                } catch (McpRecordingException e) {
                    if (e.reason() != McpRecordingException.Reason.CHANGED_DURING_RECORDING
                            || attempt == ATTEMPTS) {
                        throw e;
                    }
                }
            }
        }
    }
}
