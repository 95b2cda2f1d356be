package dev.toolseal.verifier.mcp;

import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.TypeRef;
import java.io.IOException;
import java.util.Objects;

/**
 * The SDK's JSON mapper with a tap on reading: the last layer where a message is still the
 * text the server sent.
 *
 * <p>Both SDK client transports (stdio and streamable HTTP) turn each incoming message into a
 * typed object through {@code McpSchema.deserializeJsonRpcMessage(mapper, text)}, which calls
 * {@link #readValue(String, TypeRef)} with the whole message. This class hands that text to
 * the {@link TrafficLog} first; if the log refuses it (not strict JSON, too large, a listener
 * failed) the SDK gets an {@link IOException} and never sees the message. Writing and value
 * conversion pass straight through.
 */
final class CapturingJsonMapper implements McpJsonMapper {
    private final McpJsonMapper delegate;
    private final TrafficLog log;

    CapturingJsonMapper(McpJsonMapper delegate, TrafficLog log) {
        this.delegate = Objects.requireNonNull(delegate, "delegate");
        this.log = Objects.requireNonNull(log, "log");
    }

    @Override
    public <T> T readValue(String content, Class<T> type) throws IOException {
        log.inbound(content);
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, Class<T> type) throws IOException {
        log.inbound(content);
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(String content, TypeRef<T> type) throws IOException {
        log.inbound(content);
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T readValue(byte[] content, TypeRef<T> type) throws IOException {
        log.inbound(content);
        return delegate.readValue(content, type);
    }

    @Override
    public <T> T convertValue(Object fromValue, Class<T> type) {
        return delegate.convertValue(fromValue, type);
    }

    @Override
    public <T> T convertValue(Object fromValue, TypeRef<T> type) {
        return delegate.convertValue(fromValue, type);
    }

    @Override
    public String writeValueAsString(Object value) throws IOException {
        return delegate.writeValueAsString(value);
    }

    @Override
    public byte[] writeValueAsBytes(Object value) throws IOException {
        return delegate.writeValueAsBytes(value);
    }
}
