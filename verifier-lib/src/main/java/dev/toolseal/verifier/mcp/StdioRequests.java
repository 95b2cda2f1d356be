package dev.toolseal.verifier.mcp;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The recorder's own JSON-RPC requests over a {@link RecordingTransport}, without the SDK client:
 * the era probe and the modern recording loop (the Java SDK does not speak 2026-07-28). Each
 * request goes out through the transport, so the {@link TrafficLog} pairs its answer with it and
 * parses it strictly like any other; the answer is taken from the log, never from the SDK. Ids
 * are strings of our own ({@code toolseal-recorder-<n>}), which no SDK client session uses.
 */
final class StdioRequests implements RawTrafficListener, AutoCloseable {
    private static final Duration POLL = Duration.ofMillis(50);

    private final RecordingTransport transport;
    private final Map<String, CompletableFuture<RawResponse>> waiting = new ConcurrentHashMap<>();
    private final AtomicReference<RawNotification> listChanged = new AtomicReference<>();
    private int next;

    StdioRequests(RecordingTransport transport) {
        this.transport = Objects.requireNonNull(transport, "transport");
        transport.addListener(this);
    }

    /**
     * Sends one request and waits up to {@code timeout} for its answer (a result or an error).
     *
     * @throws McpRecordingException {@link Reason#TIMEOUT} when no answer came in time, the
     *     transport's own failure when it refused a message, {@link Reason#TRANSPORT} when the
     *     request could not be sent
     */
    RawResponse call(String method, Map<String, Object> params, Duration timeout)
            throws McpRecordingException {
        String id = "toolseal-recorder-" + (++next);
        CompletableFuture<RawResponse> answer = new CompletableFuture<>();
        waiting.put(StrictJson.write(new TextNode(id)), answer);
        try {
            transport.sendMessage(new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, method, id, params))
                    .block(timeout);
        } catch (RuntimeException e) {
            throw transport.failure().orElseGet(() -> new McpRecordingException(Reason.TRANSPORT,
                    method + " could not be sent", "", e));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            if (transport.failure().isPresent()) {
                throw transport.failure().orElseThrow();
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                waiting.remove(StrictJson.write(new TextNode(id))); // a late answer is recorded, not awaited
                throw new McpRecordingException(Reason.TIMEOUT, method + " got no answer in " + timeout, id);
            }
            try {
                return answer.get(Math.min(left, POLL.toNanos()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // poll the transport's failure again
            } catch (ExecutionException e) {
                throw new IllegalStateException("an answer future failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new McpRecordingException(Reason.TRANSPORT, "interrupted", "", e);
            }
        }
    }

    /** The first list_changed notification since the last call of this method, if any. */
    RawNotification takeListChanged() {
        return listChanged.getAndSet(null);
    }

    @Override
    public void onResponse(RawResponse response) {
        CompletableFuture<RawResponse> answer = waiting.remove(StrictJson.write(response.id()));
        if (answer != null) {
            answer.complete(response);
        }
    }

    @Override
    public void onNotification(RawNotification notification) {
        if (notification.listChanged().isPresent()) {
            listChanged.compareAndSet(null, notification);
        }
    }

    @Override
    public void close() {
        transport.removeListener(this);
    }
}
