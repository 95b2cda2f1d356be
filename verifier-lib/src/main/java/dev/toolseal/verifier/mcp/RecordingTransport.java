package dev.toolseal.verifier.mcp;

import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * An SDK client transport that records every response and notification as the raw JSON the
 * server sent, then passes it on unchanged.
 *
 * <p>It wraps a real SDK transport ({@link StdioClientTransport} or
 * {@link HttpClientStreamableHttpTransport}) built with a {@link CapturingJsonMapper}, because
 * the transport's own JSON mapper is the last place where a message is still text: by the time
 * a decorator's handler sees a {@code JSONRPCMessage}, the SDK has already parsed it into a
 * {@code HashMap} (see docs/design/mcp-capture.md for what that loses). Outgoing requests are
 * remembered by id so each response is paired with its method and params.
 *
 * <p>Use it as the transport of a {@code McpClient}; observe the traffic live with
 * {@link #addListener(RawTrafficListener)}, or look back at the recent history with
 * {@link #responses()} and {@link #notifications()}.
 *
 * <p>The era probe ({@link McpRecorder}) may {@linkplain #start(Duration) start} the transport and
 * send its own requests before any SDK client exists; the SDK client's later {@code connect}
 * then reuses the running transport (over stdio: the same server process) instead of starting
 * another.
 */
public final class RecordingTransport implements McpClientTransport {
    private static final int ABANDONED = -32603;

    private final AtomicReference<Handler> handler = new AtomicReference<>();
    private final AtomicBoolean started = new AtomicBoolean();
    private final TrafficLog log;
    private final McpJsonMapper sdkMapper;
    private final McpClientTransport inner;

    private RecordingTransport(RecordingLimits limits,
            Function<McpJsonMapper, McpClientTransport> innerFactory) {
        AtomicReference<Handler> sdkHandler = handler;
        this.log = new TrafficLog(limits, ids -> abandon(sdkHandler.get(), ids));
        this.sdkMapper = McpJsonDefaults.getMapper();
        this.inner = innerFactory.apply(new CapturingJsonMapper(sdkMapper, log));
    }

    private interface Handler
            extends Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> {
    }

    /** Answers requests the log gave up on with a JSON-RPC error, so no caller waits for them. */
    private static void abandon(Handler handler, List<Object> ids) {
        if (handler == null) {
            return;
        }
        for (Object id : ids) {
            handler.apply(Mono.just(McpSchema.JSONRPCResponse.error(id, new McpSchema.JSONRPCResponse.JSONRPCError(
                    ABANDONED, "refused by the ToolSeal recorder", null)))).subscribe();
        }
    }

    /** The SDK refuses lines over its own bound before we see them; keep it above ours. */
    private static int sdkBound(RecordingLimits limits, int factor) {
        long bound = (long) limits.maxMessageChars() * factor + 1;
        return (int) Math.min(Integer.MAX_VALUE, bound);
    }

    /** A transport that starts {@code server} as a child process and talks over its stdio. */
    public static RecordingTransport stdio(ServerParameters server, RecordingLimits limits) {
        Objects.requireNonNull(server, "server");
        return new RecordingTransport(limits,
                mapper -> new StdioClientTransport(server, mapper, sdkBound(limits, 2)));
    }

    /**
     * A transport for a streamable HTTP server.
     *
     * @param baseUri  scheme, host and port, e.g. {@code http://127.0.0.1:3001}
     * @param endpoint the MCP endpoint path, e.g. {@code /mcp}
     */
    public static RecordingTransport streamableHttp(URI baseUri, String endpoint,
            RecordingLimits limits) {
        Objects.requireNonNull(baseUri, "baseUri");
        Objects.requireNonNull(endpoint, "endpoint");
        return new RecordingTransport(limits, mapper -> HttpClientStreamableHttpTransport
                .builder(baseUri.toString())
                .endpoint(endpoint)
                .jsonMapper(mapper)
                .maxResponseSize(sdkBound(limits, 4))
                .build());
    }

    /** Adds an observer of all later traffic; see {@link RawTrafficListener} for its contract. */
    public void addListener(RawTrafficListener listener) {
        log.addListener(listener);
    }

    /** Removes an observer added before. */
    public void removeListener(RawTrafficListener listener) {
        log.removeListener(listener);
    }

    /** The most recent responses (up to 1000), in arrival order. */
    public List<RawResponse> responses() {
        return log.responses();
    }

    /** The most recent notifications (up to 1000), in arrival order. */
    public List<RawNotification> notifications() {
        return log.notifications();
    }

    /**
     * The first message this transport refused (not strict JSON, too large, a listener failed),
     * if any. After a failure no further message reaches the SDK client.
     */
    public Optional<McpRecordingException> failure() {
        return log.failure();
    }

    /**
     * Connects the inner transport before any SDK client does (over stdio: starts the server),
     * so that requests can be sent with {@link #sendMessage}; until an SDK client connects,
     * incoming messages are recorded and then dropped.
     */
    void start(Duration timeout) {
        if (started.compareAndSet(false, true)) {
            inner.connect(this::deliver).block(timeout);
        }
    }

    /**
     * Stops handing incoming messages to the SDK client (they are still recorded): after a
     * failed {@code initialize} the recorder goes on with its own requests on this transport.
     */
    void detachClient() {
        handler.set(null);
    }

    @Override
    public Mono<Void> connect(
            Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> sdkHandler) {
        handler.set(sdkHandler::apply);
        if (!started.compareAndSet(false, true)) {
            return Mono.empty(); // already running: the era probe started it
        }
        return inner.connect(this::deliver);
    }

    /** Passes an incoming message to the SDK client, if one is connected. */
    private Mono<McpSchema.JSONRPCMessage> deliver(Mono<McpSchema.JSONRPCMessage> message) {
        Handler sdk = handler.get();
        return sdk == null ? message.flatMap(m -> Mono.empty()) : sdk.apply(message);
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        if (!(message instanceof McpSchema.JSONRPCRequest request)) {
            return inner.sendMessage(message);
        }
        try {
            log.outgoing(request, sdkMapper);
        } catch (IOException e) {
            return Mono.error(e);
        }
        return inner.sendMessage(message);
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        inner.setExceptionHandler(handler);
    }

    @Override
    public Mono<Void> closeGracefully() {
        return inner.closeGracefully();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return inner.unmarshalFrom(data, type);
    }

    @Override
    public List<String> protocolVersions() {
        return inner.protocolVersions();
    }
}
