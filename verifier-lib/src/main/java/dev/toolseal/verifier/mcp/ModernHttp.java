package dev.toolseal.verifier.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Modern (2026-07-28) requests over streamable HTTP with {@link HttpClient}: one POST per
 * request, no session, the {@code MCP-Protocol-Version} and {@code Mcp-Method} headers computed
 * from the body (docs/design/eras.md, section 8). An answer may be {@code application/json} or
 * {@code text/event-stream} (the event whose data is the response to our id). Every body is
 * bounded by {@link RecordingLimits#maxMessageChars()} and parsed with {@link StrictJson}, as
 * the legacy capture parses every message.
 */
final class ModernHttp implements AutoCloseable {
    /**
     * One HTTP exchange.
     *
     * @param status   the HTTP status
     * @param response the JSON-RPC response to our request, if the body held one
     * @param evidence the start of the body, for failures
     */
    record Answer(int status, Optional<RawResponse> response, String evidence) {
    }

    /** Room for SSE framing ({@code event:}, {@code id:}, {@code data:} prefixes) around one message. */
    private static final int FRAMING = 4096;

    private final URI uri;
    private final RecordingLimits limits;
    private final McpJsonMapper sdkMapper = McpJsonDefaults.getMapper();
    private final ExecutorService readers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "toolseal-modern-http");
        thread.setDaemon(true);
        return thread;
    });
    private final HttpClient client;
    private int next;

    ModernHttp(McpEndpoint.StreamableHttp endpoint, RecordingLimits limits) {
        this.uri = endpoint.baseUri().resolve(endpoint.endpoint());
        this.limits = limits;
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(limits.requestTimeout()).build();
    }

    /**
     * POSTs one request naming {@code version} in its headers and waits up to {@code timeout}.
     *
     * @throws McpRecordingException {@link Reason#TIMEOUT} without an answer in time, {@link
     *     Reason#TRANSPORT} when the server cannot be reached, {@link Reason#SIZE_LIMIT} for a
     *     body over the bound; for a {@code 200} answer also {@link Reason#MALFORMED_JSON} and
     *     {@link Reason#PROTOCOL} when the body is not strict JSON or not our response
     */
    Answer post(String method, Map<String, Object> params, String version, Duration timeout)
            throws McpRecordingException {
        String id = "toolseal-recorder-" + (++next);
        String body;
        JsonNode sentParams;
        try {
            body = sdkMapper.writeValueAsString(
                    new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, method, id, params));
            sentParams = StrictJson.parse(sdkMapper.writeValueAsString(params), "request params");
        } catch (IOException e) {
            throw new IllegalStateException("a request could not be written", e);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .header("MCP-Protocol-Version", version)
                .header("Mcp-Method", method)
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
        AtomicReference<InputStream> open = new AtomicReference<>();
        CompletableFuture<Answer> exchange = client
                .sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .thenApplyAsync(response -> {
                    open.set(response.body());
                    try (InputStream in = response.body()) {
                        return read(response, in, new TextNode(id), method, sentParams);
                    } catch (McpRecordingException e) {
                        throw new CompletionException(e);
                    } catch (IOException e) {
                        throw new CompletionException(new McpRecordingException(Reason.TRANSPORT,
                                "the answer to " + method + " could not be read", "", e));
                    }
                }, readers);
        try {
            return exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            closeQuietly(open.get());
            throw new McpRecordingException(Reason.TIMEOUT, method + " got no answer in " + timeout,
                    uri.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closeQuietly(open.get());
            throw new McpRecordingException(Reason.TRANSPORT, "interrupted", "", e);
        } catch (ExecutionException e) {
            for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
                if (t instanceof McpRecordingException recording) {
                    throw recording;
                }
                if (t instanceof HttpTimeoutException) {
                    throw new McpRecordingException(Reason.TIMEOUT, method + " got no answer in " + timeout,
                            uri.toString(), t);
                }
            }
            throw new McpRecordingException(Reason.TRANSPORT, "POST " + method + " failed", uri.toString(),
                    e.getCause());
        }
    }

    private Answer read(HttpResponse<InputStream> response, InputStream in, JsonNode id, String method,
            JsonNode params) throws McpRecordingException, IOException {
        int status = response.statusCode();
        boolean strict = status == 200;
        String type = response.headers().firstValue("content-type").orElse("").toLowerCase(Locale.ROOT);
        long budget = 3L * limits.maxMessageChars() + FRAMING;
        if (type.startsWith("text/event-stream")) {
            return events(status, new BufferedInputStream(in), budget, id, method, params, strict);
        }
        String text = decode(readAll(in, budget));
        if (!type.startsWith("application/json")) {
            if (strict) {
                throw new McpRecordingException(Reason.PROTOCOL, method + " answered 200 with content type '"
                        + type + "'", StrictJson.prefix(text));
            }
            return new Answer(status, Optional.empty(), StrictJson.prefix(text));
        }
        return new Answer(status, message(text, id, method, params, strict), StrictJson.prefix(text));
    }

    /** Reads SSE events until the one that answers {@code id}; the whole stream shares one budget. */
    private Answer events(int status, InputStream in, long budget, JsonNode id, String method,
            JsonNode params, boolean strict) throws McpRecordingException, IOException {
        StringBuilder data = new StringBuilder();
        StringBuilder seen = new StringBuilder();
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        long read = 0;
        while (true) {
            int b = in.read();
            if (b >= 0 && ++read > budget) {
                throw tooLarge(method, seen.toString());
            }
            if (b >= 0 && b != '\n') {
                line.write(b);
                continue;
            }
            String text = decode(line.toByteArray());
            line.reset();
            if (text.endsWith("\r")) {
                text = text.substring(0, text.length() - 1);
            }
            if (seen.length() < 200) {
                seen.append(text).append('\n');
            }
            if (text.isEmpty() || b < 0) {
                if (!text.isEmpty() && text.startsWith("data:")) {
                    appendData(data, text);
                }
                if (data.length() > 0) {
                    Optional<RawResponse> answer = message(data.toString(), id, method, params, strict);
                    data.setLength(0);
                    if (answer.isPresent()) {
                        return new Answer(status, answer, StrictJson.prefix(seen.toString()));
                    }
                }
                if (b < 0) {
                    return new Answer(status, Optional.empty(), StrictJson.prefix(seen.toString()));
                }
            } else if (text.startsWith("data:")) {
                appendData(data, text);
                if (data.length() > limits.maxMessageChars()) {
                    throw tooLarge(method, seen.toString());
                }
            }
            // other fields (event:, id:, retry:, comments) carry nothing we record
        }
    }

    private static void appendData(StringBuilder data, String field) {
        String value = field.substring("data:".length());
        if (value.startsWith(" ")) {
            value = value.substring(1);
        }
        if (data.length() > 0) {
            data.append('\n');
        }
        data.append(value);
    }

    /**
     * Our response in {@code text}, or empty when it is something else (a notification, a
     * server request). With {@code strict} (a 200 answer) a message that is not strict JSON, or
     * a response to another id, fails; otherwise it only means "no modern answer".
     */
    private Optional<RawResponse> message(String text, JsonNode id, String method, JsonNode params,
            boolean strict) throws McpRecordingException {
        if (text.length() > limits.maxMessageChars()) {
            throw tooLarge(method, text);
        }
        JsonNode message;
        try {
            message = StrictJson.parse(text, "the answer to " + method);
        } catch (McpRecordingException e) {
            if (strict) {
                throw e;
            }
            return Optional.empty();
        }
        if (!message.isObject() || message.has("method")) {
            return Optional.empty();
        }
        JsonNode answered = message.get("id");
        boolean ours = id.equals(answered) || (!strict && (answered == null || answered.isNull()));
        JsonNode result = message.get("result");
        JsonNode error = message.get("error");
        if (!ours || (result == null) == (error == null)) {
            if (strict) {
                throw new McpRecordingException(Reason.PROTOCOL, method + " was answered with something"
                        + " that is not its response", StrictJson.prefix(text));
            }
            return Optional.empty();
        }
        return Optional.of(new RawResponse(answered == null ? NullNode.getInstance() : answered, method,
                params, Optional.ofNullable(result), Optional.ofNullable(error), text));
    }

    private McpRecordingException tooLarge(String method, String text) {
        return new McpRecordingException(Reason.SIZE_LIMIT, "the answer to " + method + " exceeds "
                + limits.maxMessageChars() + " chars", StrictJson.prefix(text));
    }

    private byte[] readAll(InputStream in, long budget) throws IOException, McpRecordingException {
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, budget + 1));
        if (bytes.length > budget) {
            throw tooLarge("a request", "");
        }
        return bytes;
    }

    private static String decode(byte[] utf8) throws McpRecordingException {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(utf8)).toString();
        } catch (CharacterCodingException e) {
            throw new McpRecordingException(Reason.MALFORMED_JSON, "an HTTP answer is not UTF-8", "", e);
        }
    }

    private static void closeQuietly(InputStream in) {
        if (in != null) {
            try {
                in.close();
            } catch (IOException e) {
                // closing only aborts the read
            }
        }
    }

    @Override
    public void close() {
        readers.shutdownNow();
    }
}
