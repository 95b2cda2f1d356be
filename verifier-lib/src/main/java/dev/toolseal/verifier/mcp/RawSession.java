package dev.toolseal.verifier.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A live, initialized MCP client session whose traffic is recorded raw.
 *
 * <p>{@link #open} connects the official SDK client through a {@link RecordingTransport} and
 * runs {@code initialize}; {@link #snapshot()} lists everything the server declared, following
 * every page; {@link #client()} stays usable for calls in between, and
 * {@link #addListener(RawTrafficListener)} lets a gate watch list_changed notifications and
 * every {@code tools/list} answer, including the re-lists the SDK makes on its own.
 */
public final class RawSession implements AutoCloseable {
    private static final McpSchema.Implementation CLIENT_INFO = ModernWire.CLIENT;

    private final RecordingTransport transport;
    private final McpSyncClient client;
    private final RecordingLimits limits;
    private final JsonNode initializeResult;
    private final JsonNode clientCapabilities;

    private RawSession(RecordingTransport transport, McpSyncClient client, RecordingLimits limits,
            RawResponse initialize) {
        this.transport = transport;
        this.client = client;
        this.limits = limits;
        this.initializeResult = initialize.result().orElseThrow();
        this.clientCapabilities = initialize.params().path("capabilities");
    }

    /** Connects to {@code endpoint} and initializes with {@code capabilities}. */
    public static RawSession open(McpEndpoint endpoint, McpSchema.ClientCapabilities capabilities,
            RecordingLimits limits) throws McpRecordingException {
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(capabilities, "capabilities");
        Objects.requireNonNull(limits, "limits");
        requireUtf8Stdio(endpoint, Charset.defaultCharset());
        RecordingTransport transport;
        McpSyncClient client;
        try {
            transport = endpoint.open(limits);
            client = client(transport, capabilities, limits);
        } catch (RuntimeException e) {
            throw new McpRecordingException(Reason.TRANSPORT, "the SDK client could not be set up",
                    endpoint.toString(), e);
        }
        try {
            return initialize(transport, client, limits);
        } catch (McpRecordingException e) {
            client.close();
            throw e;
        }
    }

    /** The SDK client the recorder runs over {@code transport}; nothing is sent yet. */
    static McpSyncClient client(RecordingTransport transport, McpSchema.ClientCapabilities capabilities,
            RecordingLimits limits) {
        return McpClient.sync(transport)
                .requestTimeout(limits.requestTimeout())
                .initializationTimeout(limits.requestTimeout())
                .capabilities(capabilities)
                .clientInfo(CLIENT_INFO)
                .build();
    }

    /**
     * Runs {@code initialize} with {@code client} (which connects {@code transport}, or joins it
     * when the era probe started it) and opens the session; on failure the caller closes the
     * client.
     */
    static RawSession initialize(RecordingTransport transport, McpSyncClient client, RecordingLimits limits)
            throws McpRecordingException {
        try {
            client.initialize();
            RawResponse initialize = transport.responses().stream()
                    .filter(r -> McpSchema.METHOD_INITIALIZE.equals(r.method()))
                    .filter(r -> r.result().isPresent())
                    .reduce((first, second) -> second)
                    .orElseThrow(() -> new McpRecordingException(Reason.PROTOCOL,
                            "initialize succeeded but no raw answer was recorded", ""));
            if (!initialize.result().orElseThrow().isObject()) {
                throw new McpRecordingException(Reason.PROTOCOL, "initialize result is not an object",
                        StrictJson.prefix(initialize.text()));
            }
            return new RawSession(transport, client, limits, initialize);
        } catch (RuntimeException e) {
            throw failure(e, transport);
        }
    }

    /** The SDK's stdio transport decodes with {@code charset}; anything but UTF-8 mangles text. */
    static void requireUtf8Stdio(McpEndpoint endpoint, Charset charset) throws McpRecordingException {
        if (endpoint instanceof McpEndpoint.Stdio && !StandardCharsets.UTF_8.equals(charset)) {
            throw new McpRecordingException(Reason.UNSAFE_CHARSET, "the SDK decodes stdio with the"
                    + " default charset, which is not UTF-8; run the JVM with -Dfile.encoding=UTF-8",
                    charset.name());
        }
    }

    /** The raw {@code initialize} result. */
    public JsonNode initializeResult() {
        return initializeResult.deepCopy();
    }

    /** The client capabilities exactly as sent in {@code initialize}. */
    public JsonNode clientCapabilities() {
        return clientCapabilities.deepCopy();
    }

    /** The SDK client of this session, for calls between snapshots. */
    public McpSyncClient client() {
        return client;
    }

    /** The recording transport under the client. */
    public RecordingTransport transport() {
        return transport;
    }

    /** Adds an observer of all later traffic; see {@link RawTrafficListener}. */
    public void addListener(RawTrafficListener listener) {
        transport.addListener(listener);
    }

    /**
     * Lists tools, prompts, resources and resource templates, each only if the server declared
     * the capability, following every {@code nextCursor}.
     *
     * @throws McpRecordingException also with {@link Reason#CHANGED_DURING_RECORDING} if the
     *     server announced a list change meanwhile (take the snapshot again)
     */
    public RawSnapshot snapshot() throws McpRecordingException {
        ChangeWatch changes = new ChangeWatch();
        transport.addListener(changes);
        try {
            ListPager pager = new ListPager(client, transport, limits);
            Map<ListKind, List<JsonNode>> pages = new EnumMap<>(ListKind.class);
            for (ListKind kind : ListKind.values()) {
                if (initializeResult.path("capabilities").path(kind.capability()).isObject()) {
                    pager.pages(kind).ifPresent(list -> pages.put(kind, list));
                }
            }
            RawNotification change = changes.first.get();
            if (change != null) {
                throw new McpRecordingException(Reason.CHANGED_DURING_RECORDING,
                        "the server announced a list change during the snapshot", change.text());
            }
            return new RawSnapshot(initializeResult, clientCapabilities, pages);
        } catch (RuntimeException e) {
            throw failure(e, transport);
        } finally {
            transport.removeListener(changes);
        }
    }

    /** Remembers the first list_changed notification seen while a snapshot is taken. */
    private static final class ChangeWatch implements RawTrafficListener {
        private final AtomicReference<RawNotification> first = new AtomicReference<>();

        @Override
        public void onNotification(RawNotification notification) {
            if (notification.listChanged().isPresent()) {
                first.compareAndSet(null, notification);
            }
        }
    }

    /** Closes the client; a stdio server process is stopped. */
    @Override
    public void close() {
        client.close();
    }

    /** Maps whatever the SDK threw to the recording failure that explains it best. */
    static McpRecordingException failure(RuntimeException e, RecordingTransport transport) {
        if (transport.failure().isPresent()) {
            return transport.failure().orElseThrow();
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof McpError error) {
                McpSchema.JSONRPCResponse.JSONRPCError rpc = error.getJsonRpcError();
                return new McpRecordingException(Reason.SERVER_ERROR, "the server answered with an error",
                        rpc == null ? "" : rpc.code() + " " + rpc.message(), e);
            }
            if (t instanceof TimeoutException) {
                return new McpRecordingException(Reason.TIMEOUT, "no answer in time", "", e);
            }
        }
        return new McpRecordingException(Reason.TRANSPORT, "the session failed", "", e);
    }
}
