package dev.toolseal.verifier.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.manifest.Era;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.Charset;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Records one {@link RawSnapshot} of a server in its protocol era (docs/design/eras.md,
 * section 1): probe with {@code server/discover}, then either list everything with modern
 * requests, or connect, initialize and list everything as a legacy client; then close.
 *
 * <p>A stdio server is started once per recording, whatever the era: the probe and the
 * recording share one process (a second start would let a server show the probe one thing and
 * the recording another, and costs time).
 */
public final class McpRecorder {
    /** Snapshots taken in one session before a server that keeps changing is given up on. */
    static final int ATTEMPTS = 3;

    private final RecordingLimits limits;
    private final List<String> modernVersions;

    public McpRecorder(RecordingLimits limits) {
        this(limits, ModernWire.VERSIONS);
    }

    /** A recorder that implements {@code modernVersions} (newest first); for tests of the retry. */
    McpRecorder(RecordingLimits limits, List<String> modernVersions) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.modernVersions = List.copyOf(modernVersions);
        if (this.modernVersions.isEmpty()) {
            throw new IllegalArgumentException("no modern version");
        }
    }

    /** Records {@code endpoint} without a reference: modern first. See the three-argument form. */
    public RawSnapshot record(McpEndpoint endpoint, McpSchema.ClientCapabilities capabilities)
            throws McpRecordingException {
        return record(endpoint, capabilities, null);
    }

    /**
     * Starts or connects to the server, finds its era, records every declared list (all pages)
     * and closes the session (a stdio server is stopped).
     *
     * <p>With {@code preferred} null or {@link Era#MODERN}, {@code server/discover} goes first
     * (with the full modern {@code _meta}); a server that answers with an error other than
     * -32022, or not within {@link RecordingLimits#probeTimeout()}, is recorded legacy on the
     * same process (stdio) or through the SDK's HTTP transport; a <em>result</em> that is not a
     * {@code DiscoverResult} is {@link Reason#PROTOCOL}. With {@link Era#LEGACY} (the reference
     * was recorded legacy) {@code initialize} goes first, and only a server that refuses it as an
     * unsupported version (-32022; over HTTP: any failure) is probed and recorded modern.
     *
     * <p>Legacy servers may announce a list change right after {@code initialize} (the reference
     * "everything" server registers tools that depend on the client's capabilities); if a
     * list_changed notification arrives during the snapshot, the snapshot is taken again in the
     * same session, up to {@value #ATTEMPTS} times in all (over stdio in both eras).
     *
     * @param preferred the era of the reference (pin or signed manifest), or null for none
     */
    public RawSnapshot record(McpEndpoint endpoint, McpSchema.ClientCapabilities capabilities, Era preferred)
            throws McpRecordingException {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(capabilities, "capabilities");
        if (endpoint instanceof McpEndpoint.StreamableHttp http) {
            return recordHttp(http, capabilities, preferred);
        }
        return recordStdio(endpoint, capabilities, preferred);
    }

    // ---- stdio ----

    private RawSnapshot recordStdio(McpEndpoint endpoint, McpSchema.ClientCapabilities capabilities,
            Era preferred) throws McpRecordingException {
        RawSession.requireUtf8Stdio(endpoint, Charset.defaultCharset());
        RecordingTransport transport;
        McpSyncClient client;
        try {
            transport = endpoint.open(limits);
            client = RawSession.client(transport, capabilities, limits);
        } catch (RuntimeException e) {
            throw new McpRecordingException(Reason.TRANSPORT, "the SDK client could not be set up",
                    endpoint.toString(), e);
        }
        try (StdioRequests requests = new StdioRequests(transport)) {
            EraProbe probe = new EraProbe(capabilities, modernVersions, limits);
            if (preferred == Era.LEGACY) {
                return initializeElseModern(transport, client, requests, probe, capabilities);
            }
            try {
                transport.start(limits.requestTimeout());
            } catch (RuntimeException e) {
                throw RawSession.failure(e, transport);
            }
            EraProbe.Outcome outcome = probe.stdio(requests);
            if (outcome instanceof EraProbe.Modern modern) {
                return modernStdio(requests, modern, capabilities);
            }
            // a modern-only server too slow to answer the probe in time refuses initialize: it
            // is up now, so it is asked once more
            return initializeElseModern(transport, client, requests, probe, capabilities);
        } finally {
            client.close();
        }
    }

    /**
     * Records the server in the legacy era; if it refuses {@code initialize} as an unsupported
     * version (-32022), in the modern era on the same process instead.
     */
    private RawSnapshot initializeElseModern(RecordingTransport transport, McpSyncClient client,
            StdioRequests requests, EraProbe probe, McpSchema.ClientCapabilities capabilities)
            throws McpRecordingException {
        try {
            return legacy(RawSession.initialize(transport, client, limits));
        } catch (McpRecordingException e) {
            if (!refusedAsUnsupportedVersion(transport)) {
                throw e;
            }
        }
        return modernAfterRefusedInitialize(transport, requests, probe, capabilities);
    }

    /**
     * The server refused our {@code initialize} as an unsupported version: the SDK client is
     * detached, and the same process is asked {@code server/discover} (again) and recorded modern.
     */
    private RawSnapshot modernAfterRefusedInitialize(RecordingTransport transport,
            StdioRequests requests, EraProbe probe, McpSchema.ClientCapabilities capabilities)
            throws McpRecordingException {
        transport.detachClient(); // the SDK client failed; our own requests go on
        EraProbe.Outcome outcome = probe.stdio(requests);
        if (outcome instanceof EraProbe.Legacy legacy) {
            throw new McpRecordingException(Reason.SERVER_ERROR, "initialize was refused as an"
                    + " unsupported version, but server/discover did not answer as a modern server",
                    legacy.why());
        }
        return modernStdio(requests, (EraProbe.Modern) outcome, capabilities);
    }

    /** Whether the server answered our {@code initialize} with -32022 (a modern-only server). */
    private static boolean refusedAsUnsupportedVersion(RecordingTransport transport) {
        return transport.responses().stream()
                .filter(r -> McpSchema.METHOD_INITIALIZE.equals(r.method()))
                .map(RawResponse::error)
                .flatMap(Optional::stream)
                .anyMatch(error -> ModernWire.code(error).orElse(0)
                        == ModernWire.UNSUPPORTED_PROTOCOL_VERSION);
    }

    private RawSnapshot modernStdio(StdioRequests requests, EraProbe.Modern discover,
            McpSchema.ClientCapabilities capabilities) throws McpRecordingException {
        requests.takeListChanged();
        for (int attempt = 1; ; attempt++) {
            RawSnapshot snapshot = modernLists((method, params) -> requests.call(method, params,
                    limits.requestTimeout()), discover, capabilities);
            RawNotification change = requests.takeListChanged();
            if (change == null) {
                return snapshot;
            }
            if (attempt == ATTEMPTS) {
                throw new McpRecordingException(Reason.CHANGED_DURING_RECORDING,
                        "the server announced a list change during the snapshot", change.text());
            }
        }
    }

    // ---- streamable HTTP ----

    private RawSnapshot recordHttp(McpEndpoint.StreamableHttp endpoint,
            McpSchema.ClientCapabilities capabilities, Era preferred) throws McpRecordingException {
        EraProbe probe = new EraProbe(capabilities, modernVersions, limits);
        if (preferred == Era.LEGACY) {
            try {
                return legacy(endpoint, capabilities);
            } catch (McpRecordingException legacyFailure) {
                try (ModernHttp http = new ModernHttp(endpoint, limits)) {
                    if (probe.http(http) instanceof EraProbe.Modern modern) {
                        return modernHttp(http, modern, capabilities);
                    }
                } catch (McpRecordingException probeFailure) {
                    legacyFailure.addSuppressed(probeFailure);
                }
                throw legacyFailure;
            }
        }
        try (ModernHttp http = new ModernHttp(endpoint, limits)) {
            if (probe.http(http) instanceof EraProbe.Modern modern) {
                return modernHttp(http, modern, capabilities);
            }
        }
        return legacy(endpoint, capabilities);
    }

    private RawSnapshot modernHttp(ModernHttp http, EraProbe.Modern discover,
            McpSchema.ClientCapabilities capabilities) throws McpRecordingException {
        return modernLists((method, params) -> {
            ModernHttp.Answer answer = http.post(method, params, discover.version(), limits.requestTimeout());
            RawResponse response = answer.response().orElseThrow(() -> new McpRecordingException(
                    Reason.SERVER_ERROR, method + " answered HTTP " + answer.status()
                    + " without a JSON-RPC response", answer.evidence()));
            if (answer.status() != 200 && response.result().isPresent()) {
                throw new McpRecordingException(Reason.PROTOCOL, method + " answered HTTP " + answer.status()
                        + " with a result", StrictJson.prefix(response.text()));
            }
            return response;
        }, discover, capabilities);
    }

    // ---- both transports ----

    /** Sends one modern request and returns its raw answer (a result or an error). */
    @FunctionalInterface
    private interface ModernCall {
        RawResponse call(String method, Map<String, Object> params) throws McpRecordingException;
    }

    /**
     * Lists every kind the discover result's {@code capabilities} declare, each page with the
     * modern {@code _meta} (and its cursor), by the paging rules of {@link ListWalk}. Results
     * are kept whole; {@code resultType}, {@code ttlMs}, {@code cacheScope} and {@code _meta}
     * are the manifest assembler's to classify.
     */
    private RawSnapshot modernLists(ModernCall call, EraProbe.Modern discover,
            McpSchema.ClientCapabilities capabilities) throws McpRecordingException {
        JsonNode discoverResult = discover.response().result().orElseThrow();
        String version = discover.version();
        ListWalk walk = new ListWalk(limits.maxPages(), limits.maxTotalChars());
        Map<ListKind, List<JsonNode>> pages = new EnumMap<>(ListKind.class);
        for (ListKind kind : ListKind.values()) {
            if (!discoverResult.path("capabilities").path(kind.capability()).isObject()) {
                continue;
            }
            walk.pages(kind, (k, cursor) -> {
                RawResponse response = call.call(k.method(),
                        ModernWire.params(version, capabilities, cursor));
                if (response.error().isPresent()) {
                    JsonNode error = response.error().orElseThrow();
                    if (k == ListKind.RESOURCE_TEMPLATES && cursor == null
                            && ModernWire.code(error).orElse(0) == ModernWire.METHOD_NOT_FOUND) {
                        return Optional.empty();
                    }
                    throw new McpRecordingException(Reason.SERVER_ERROR,
                            k.method() + " answered with an error",
                            StrictJson.prefix(StrictJson.write(error)));
                }
                JsonNode result = response.result().orElseThrow();
                if (!result.isObject()) {
                    throw new McpRecordingException(Reason.PROTOCOL, k.method() + " result is not an object",
                            StrictJson.prefix(response.text()));
                }
                return Optional.of(result);
            }).ifPresent(list -> pages.put(kind, list));
        }
        return RawSnapshot.modern(discoverResult, version, ModernWire.sentCapabilities(discover.response()),
                pages);
    }

    /** The legacy recording over HTTP, exactly as before eras: its own SDK session. */
    private RawSnapshot legacy(McpEndpoint endpoint, McpSchema.ClientCapabilities capabilities)
            throws McpRecordingException {
        try (RawSession session = RawSession.open(endpoint, capabilities, limits)) {
            return legacy(session);
        }
    }

    /** Snapshots an initialized legacy session, again while the server announces list changes. */
    private static RawSnapshot legacy(RawSession session) throws McpRecordingException {
        for (int attempt = 1; ; attempt++) {
            try {
                return session.snapshot();
            } catch (McpRecordingException e) {
                if (e.reason() != Reason.CHANGED_DURING_RECORDING || attempt == ATTEMPTS) {
                    throw e;
                }
            }
        }
    }
}
