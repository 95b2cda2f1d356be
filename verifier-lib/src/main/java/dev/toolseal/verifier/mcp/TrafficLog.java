package dev.toolseal.verifier.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What one session has seen: outgoing requests by id, and every incoming response and
 * notification as strict raw JSON, handed to listeners and kept in a bounded history (a gate's
 * session may live for hours). Thread-safe; the SDK writes from its own threads.
 *
 * <p>Once anything is refused the log is failed for good and refuses every later message, so
 * the SDK client can never act on traffic that was not recorded.
 */
final class TrafficLog {
    private record Pending(Object sdkId, String method, JsonNode params) {
    }

    /** Messages of each kind kept for inspection; listeners see all of them. */
    static final int HISTORY = 1000;

    private final RecordingLimits limits;
    private final Consumer<List<Object>> abandon;
    private final Map<String, Pending> pending = new ConcurrentHashMap<>();
    private final List<RawTrafficListener> listeners = new CopyOnWriteArrayList<>();
    private final Deque<RawResponse> responses = new ArrayDeque<>();
    private final Deque<RawNotification> notifications = new ArrayDeque<>();
    private McpRecordingException failure;

    /**
     * @param abandon called once, when the log fails, with the SDK ids of every request still
     *     waiting for an answer (the transport answers them with an error so nobody waits)
     */
    TrafficLog(RecordingLimits limits, Consumer<List<Object>> abandon) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.abandon = Objects.requireNonNull(abandon, "abandon");
    }

    void addListener(RawTrafficListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void removeListener(RawTrafficListener listener) {
        listeners.remove(listener);
    }

    /** Remembers an outgoing request so its response can be paired with it; returns its params. */
    JsonNode outgoing(McpSchema.JSONRPCRequest request, McpJsonMapper sdkMapper) throws IOException {
        Optional<McpRecordingException> failed = failure();
        if (failed.isPresent()) {
            throw new IOException(failed.get().getMessage(), failed.get());
        }
        try {
            JsonNode id = StrictJson.parse(sdkMapper.writeValueAsString(request.id()), "request id");
            JsonNode params = request.params() == null ? NullNode.getInstance()
                    : StrictJson.parse(sdkMapper.writeValueAsString(request.params()), "request params");
            pending.put(StrictJson.write(id), new Pending(request.id(), request.method(), params));
            return params.deepCopy();
        } catch (McpRecordingException e) {
            throw refuse(e);
        }
    }

    /** Records one incoming message, or refuses it with an {@link IOException}. */
    void inbound(String text) throws IOException {
        try {
            accept(text);
        } catch (McpRecordingException e) {
            throw refuse(e);
        }
    }

    /** Like {@link #inbound(String)} for UTF-8 bytes; malformed UTF-8 is refused. */
    void inbound(byte[] utf8) throws IOException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw refuse(new McpRecordingException(Reason.MALFORMED_JSON,
                    "incoming message is not UTF-8", "", e));
        }
        inbound(text);
    }

    synchronized Optional<McpRecordingException> failure() {
        return Optional.ofNullable(failure);
    }

    /** The last {@value #HISTORY} responses, oldest first. */
    synchronized List<RawResponse> responses() {
        return List.copyOf(responses);
    }

    /** The last {@value #HISTORY} notifications, oldest first. */
    synchronized List<RawNotification> notifications() {
        return List.copyOf(notifications);
    }

    /**
     * Marks the log failed (first failure wins), abandons every waiting request and returns
     * the exception for the SDK.
     */
    IOException refuse(McpRecordingException e) {
        List<Object> waiting = new ArrayList<>();
        synchronized (this) {
            if (failure == null) {
                failure = e;
            }
            pending.values().forEach(p -> waiting.add(p.sdkId()));
            pending.clear();
        }
        if (!waiting.isEmpty()) {
            abandon.accept(List.copyOf(waiting));
        }
        return new IOException(e.getMessage(), e);
    }

    private void accept(String text) throws McpRecordingException {
        synchronized (this) {
            if (failure != null) {
                throw failure;
            }
            if (text.length() > limits.maxMessageChars()) {
                throw new McpRecordingException(Reason.SIZE_LIMIT, "message of " + text.length()
                        + " chars exceeds " + limits.maxMessageChars(), StrictJson.prefix(text));
            }
        }
        JsonNode message = StrictJson.parse(text, "incoming message");
        if (!message.isObject()) {
            throw protocol("incoming message is not a JSON object", text);
        }
        JsonNode method = message.get("method");
        JsonNode id = message.get("id");
        if (method != null) {
            if (!method.isTextual()) {
                throw protocol("method is not a string", text);
            }
            if (id == null) {
                notification(new RawNotification(method.textValue(),
                        Optional.ofNullable(message.get("params")), text));
            }
            return; // a request from the server (ping, roots, sampling) is not part of a snapshot
        }
        if (id == null) {
            throw protocol("response without id", text);
        }
        String key = StrictJson.write(id);
        Pending request = pending.get(key);
        if (request == null) {
            return; // answers nothing we asked; the SDK drops it too
        }
        JsonNode result = message.get("result");
        JsonNode error = message.get("error");
        if ((result == null) == (error == null)) {
            throw protocol("response must carry exactly one of result and error", text);
        }
        response(new RawResponse(id, request.method(), request.params(), Optional.ofNullable(result),
                Optional.ofNullable(error), text));
        pending.remove(key); // only now: a refused answer leaves its request to be abandoned
    }

    private void notification(RawNotification notification) throws McpRecordingException {
        synchronized (this) {
            keep(notifications, notification);
        }
        for (RawTrafficListener listener : listeners) {
            try {
                listener.onNotification(notification);
            } catch (RuntimeException e) {
                throw new McpRecordingException(Reason.LISTENER_FAILED, "listener failed on "
                        + notification.method(), StrictJson.prefix(notification.text()), e);
            }
        }
    }

    private void response(RawResponse response) throws McpRecordingException {
        synchronized (this) {
            keep(responses, response);
        }
        for (RawTrafficListener listener : listeners) {
            try {
                listener.onResponse(response);
            } catch (RuntimeException e) {
                throw new McpRecordingException(Reason.LISTENER_FAILED, "listener failed on "
                        + response.method(), StrictJson.prefix(response.text()), e);
            }
        }
    }

    private static <T> void keep(Deque<T> history, T item) {
        history.addLast(item);
        if (history.size() > HISTORY) {
            history.removeFirst();
        }
    }

    private static McpRecordingException protocol(String message, String text) {
        return new McpRecordingException(Reason.PROTOCOL, message, StrictJson.prefix(text));
    }
}
