package dev.toolseal.verifier.gate;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import io.modelcontextprotocol.spec.McpClientTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * The SDK client's transport to the gate engine, in memory: each message the SDK sends is
 * written with the SDK's own {@link McpJsonMapper} as one line and handed to the engine's client
 * side; each line the engine writes to the client is parsed the same way and handed to the SDK's
 * handler. No rule lives here.
 */
final class EngineTransport implements McpClientTransport {
    private final McpJsonMapper mapper = McpJsonDefaults.getMapper();
    private final AtomicReference<Consumer<String>> toEngine = new AtomicReference<>();
    private final AtomicReference<Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>>> handler =
            new AtomicReference<>();
    private final List<String> protocolVersions;
    private volatile Consumer<Throwable> exceptionHandler = t -> { };

    EngineTransport(List<String> protocolVersions) {
        this.protocolVersions = List.copyOf(protocolVersions);
    }

    /** Where the SDK's messages go; set once, before the SDK client sends anything. */
    void attach(Consumer<String> engine) {
        toEngine.set(Objects.requireNonNull(engine, "engine"));
    }

    /** One line the engine wrote to the client (called on the engine's writer thread, in order). */
    void fromEngine(byte[] line) {
        McpSchema.JSONRPCMessage message;
        try {
            message = McpSchema.deserializeJsonRpcMessage(mapper, new String(line, StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            exceptionHandler.accept(e);
            return;
        }
        Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> sdk = handler.get();
        if (sdk != null) {
            sdk.apply(Mono.just(message)).subscribe(m -> { }, exceptionHandler::accept);
        }
    }

    @Override
    public Mono<Void> connect(Function<Mono<McpSchema.JSONRPCMessage>, Mono<McpSchema.JSONRPCMessage>> sdkHandler) {
        handler.set(sdkHandler);
        return Mono.empty();
    }

    @Override
    public Mono<Void> sendMessage(McpSchema.JSONRPCMessage message) {
        return Mono.fromRunnable(() -> {
            String line;
            try {
                line = mapper.writeValueAsString(message);
            } catch (IOException e) {
                throw new IllegalStateException("the SDK's message could not be written", e);
            }
            Consumer<String> engine = toEngine.get();
            if (engine == null) {
                throw new IllegalStateException("the gate engine is not attached");
            }
            engine.accept(line);
        });
    }

    @Override
    public void setExceptionHandler(Consumer<Throwable> handler) {
        this.exceptionHandler = Objects.requireNonNull(handler, "handler");
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.empty();
    }

    @Override
    public <T> T unmarshalFrom(Object data, TypeRef<T> type) {
        return mapper.convertValue(data, type);
    }

    @Override
    public List<String> protocolVersions() {
        return protocolVersions;
    }
}
