package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A streamable HTTP upstream (MCP 2025-03-26 and later), spoken with the JDK's HTTP client. Each
 * line the guard sends is POSTed as is; a JSON answer or the events of an SSE answer come back
 * as lines. The session id from the {@code initialize} answer and the negotiated protocol version
 * go on every later request; after {@code notifications/initialized} a GET stream is opened for
 * the server's own messages (list_changed, requests to the client), if the server offers one.
 * A modern request (MCP 2026-07-28: a version in its {@code _meta}) carries no session and the
 * headers {@link McpHeaders} computes from its body; a modern server's JSON-RPC error in a 400 or
 * 404 answer is passed on as the answer.
 *
 * <p>Order: the guard relies on the upstream seeing messages in the order it sent them. A POST
 * holding {@code initialize}, only notifications or only responses is sent after the previous
 * one's answer started (its headers; 202 for notifications); a POST holding other requests is
 * sent without waiting, so a long call does not hold back a cancellation.
 *
 * <p>An HTTP failure (connection refused, a status other than 2xx) answers each request in the
 * POST with a JSON-RPC error; the upstream counts as gone only when the guard stops it.
 */
final class HttpUpstream implements Upstream {
  /** The JSON-RPC error code for a request the HTTP upstream could not take. */
  static final int UPSTREAM_HTTP_ERROR = -32603;

  private final HttpClient http;
  private final URI url;
  private final Duration timeout;
  private final int maxMessageBytes;
  private final Consumer<String> diagnostics;
  private final LineQueue out = new LineQueue();
  private final LineSplitter in;
  private volatile String sessionId;
  private volatile String protocolVersion;
  private volatile boolean stopped;
  private volatile Function<String, Optional<JsonNode>> toolSchemas = name -> Optional.empty();
  private boolean getOpened; // writer thread only

  private HttpUpstream(URI url, Duration timeout, int maxMessageBytes,
      Consumer<String> diagnostics) {
    this.url = url;
    this.timeout = timeout;
    this.maxMessageBytes = maxMessageBytes;
    this.diagnostics = diagnostics;
    this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    this.in = new LineSplitter(this::post, () -> { });
  }

  /**
   * Where the verified {@code inputSchema} of a tool comes from, for the {@code Mcp-Param-*}
   * headers of a modern {@code tools/call} (its {@code x-mcp-header} annotations).
   */
  void toolSchemas(Function<String, Optional<JsonNode>> verified) {
    toolSchemas = verified;
  }

  /** Nothing goes over the network before the first message. */
  static HttpUpstream connect(URI url, Duration timeout, int maxMessageBytes,
      Consumer<String> diagnostics) {
    String scheme = String.valueOf(url.getScheme()).toLowerCase(Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || url.getHost() == null) {
      throw new IllegalArgumentException("not an http(s) URL");
    }
    return new HttpUpstream(url, timeout, maxMessageBytes, diagnostics);
  }

  @Override
  public OutputStream input() {
    return in;
  }

  @Override
  public InputStream output() {
    return out;
  }

  @Override
  public InputStream errors() {
    return InputStream.nullInputStream();
  }

  @Override
  public void stop(Duration grace) {
    if (stopped) {
      return;
    }
    stopped = true;
    String id = sessionId;
    if (id != null) {
      try {
        http.send(request().timeout(grace).header("Mcp-Session-Id", id).DELETE().build(),
            HttpResponse.BodyHandlers.discarding());
      } catch (IOException e) {
        // the server is gone already
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    out.end();
  }

  @Override
  public String exitDescription() {
    return "";
  }

  private HttpRequest.Builder request() {
    HttpRequest.Builder b = HttpRequest.newBuilder(url);
    String id = sessionId;
    if (id != null) {
      b.header("Mcp-Session-Id", id);
    }
    String version = protocolVersion;
    if (version != null) {
      b.header("MCP-Protocol-Version", version);
    }
    return b;
  }

  /** One line from the guard: POST it; runs on the guard's upstream writer thread. */
  private void post(byte[] line) {
    if (stopped) {
      return;
    }
    JsonNode message;
    try {
      message = RpcParser.json(line);
    } catch (RpcFormatException e) {
      diagnostics.accept("not sent upstream, not JSON: " + e.getMessage());
      return;
    }
    List<JsonNode> requestIds = new ArrayList<>();
    boolean initialize = false;
    for (JsonNode m : message.isArray() ? message : List.of(message)) {
      if (m.has("method") && m.has("id")) {
        requestIds.add(m.get("id"));
        initialize |= "initialize".equals(m.path("method").asText());
      }
    }
    boolean initialized = !message.isArray()
        && "notifications/initialized".equals(message.path("method").asText());
    boolean wait = requestIds.isEmpty() || initialize;
    boolean modern = McpHeaders.isModernRequest(message);
    HttpRequest.Builder b = modern ? HttpRequest.newBuilder(url) : request();
    if (modern) { // no session; the headers mirror this body, whatever the client sent
      McpHeaders.of(message).forEach(b::header);
      if ("tools/call".equals(message.path("method").asText())) {
        toolSchemas.apply(message.path("params").path("name").asText()).ifPresent(schema ->
            McpHeaders.params(message.path("params").path("arguments"), schema)
                .forEach(b::header));
      }
    }
    if (wait) {
      b.timeout(timeout); // a call's answer may take as long as the call, so only here
    }
    HttpRequest req = b
        .header("Content-Type", "application/json")
        .header("Accept", "application/json, text/event-stream")
        .POST(HttpRequest.BodyPublishers.ofByteArray(line)).build();
    var pending = http.sendAsync(req, HttpResponse.BodyHandlers.ofInputStream());
    if (wait) {
      try {
        answered(pending.get(), requestIds, initialize, modern);
      } catch (ExecutionException e) {
        failed(requestIds, e.getCause() == null ? e : e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (initialized && !getOpened) {
        getOpened = true;
        thread("toolseal-guard-http-get", this::openGetStream);
      }
    } else {
      pending.whenComplete((r, e) -> {
        if (e != null) {
          failed(requestIds, e);
        } else {
          answered(r, requestIds, false, modern);
        }
      });
    }
  }

  private void answered(HttpResponse<InputStream> r, List<JsonNode> requestIds,
      boolean initialize, boolean modern) {
    int status = r.statusCode();
    if (modern && (status == 400 || status == 404) && modernError(r, requestIds)) {
      return; // a modern server's JSON-RPC error (unsupported version, header mismatch, ...)
    }
    if (status < 200 || status > 299) {
      close(r.body());
      diagnostics.accept("the HTTP upstream answered " + status);
      requestIds.forEach(id -> out.add(error(id, "the HTTP upstream answered status "
          + status)));
      return;
    }
    if (initialize) {
      r.headers().firstValue("Mcp-Session-Id").ifPresent(id -> sessionId = id);
    }
    String type = r.headers().firstValue("Content-Type").orElse("")
        .toLowerCase(Locale.ROOT);
    if (status == 202 || requestIds.isEmpty() && !type.startsWith("text/event-stream")) {
      close(r.body());
      return;
    }
    if (type.startsWith("text/event-stream")) {
      if (initialize) {
        events(r.body(), initialize); // the initialize answer comes first, before anything else
      } else {
        thread("toolseal-guard-http-events", () -> events(r.body(), false));
      }
      return;
    }
    try (InputStream body = r.body()) {
      byte[] bytes = body.readNBytes(maxMessageBytes + 1);
      JsonNode doc = RpcParser.json(bytes);
      for (JsonNode m : doc.isArray() ? doc : List.of(doc)) {
        emit(m, initialize);
      }
    } catch (IOException | RpcFormatException e) {
      diagnostics.accept("the HTTP upstream's answer is unreadable: " + e.getMessage());
      requestIds.forEach(id -> out.add(error(id, "the HTTP upstream's answer is unreadable")));
    }
  }

  /**
   * Passes on the JSON-RPC error a modern server puts in a 400 or 404 answer to request {@code
   * requestIds} (one); false when the body is not such an error (the caller reports the status).
   */
  private boolean modernError(HttpResponse<InputStream> r, List<JsonNode> requestIds) {
    try (InputStream body = r.body()) {
      JsonNode doc = RpcParser.json(body.readNBytes(maxMessageBytes + 1));
      if (requestIds.size() != 1 || !doc.path("error").path("code").isInt()
          || !requestIds.get(0).equals(doc.get("id"))) {
        return false;
      }
      out.add(RpcParser.text(doc));
      return true;
    } catch (IOException | RpcFormatException e) {
      return false;
    }
  }

  /** The events of one SSE stream: each event's data is one message (or batch). */
  private void events(InputStream body, boolean initialize) {
    LineReader reader = new LineReader(body, maxMessageBytes, true);
    StringBuilder data = new StringBuilder();
    try (body) {
      for (LineReader.Line l = reader.next(); l != null && !stopped; l = reader.next()) {
        if (l.tooLong()) {
          out.add("<a message over the size limit>"); // the guard refuses it as unreadable
          continue;
        }
        String line = new String(l.bytes(), StandardCharsets.UTF_8);
        if (line.isEmpty()) {
          if (data.length() > 0) {
            String text = data.toString();
            data.setLength(0);
            if (initialize && learnProtocolVersion(text)) {
              out.add(text);
              return; // the answer to initialize: nothing else is expected on this stream
            }
            out.add(text);
          }
        } else if (line.startsWith("data:")) {
          String d = line.substring(line.startsWith("data: ") ? 6 : 5);
          if (data.length() > 0) {
            data.append(' '); // a newline in JSON text is whitespace
          }
          data.append(d);
        }
      }
    } catch (IOException e) {
      // the stream ended
    }
  }

  private void emit(JsonNode m, boolean initialize) {
    String text = RpcParser.text(m);
    if (initialize) {
      learnProtocolVersion(text);
    }
    out.add(text);
  }

  /** Remembers the version {@code text} negotiates; whether it is a response at all. */
  private boolean learnProtocolVersion(String text) {
    try {
      JsonNode m = RpcParser.json(text.getBytes(StandardCharsets.UTF_8));
      JsonNode v = m.path("result").path("protocolVersion");
      if (v.isTextual()) {
        protocolVersion = v.textValue();
      }
      return m.has("id") && !m.has("method");
    } catch (RpcFormatException e) {
      return true; // the guard will refuse it; nothing more to wait for
    }
  }

  /** The server's own stream, if it offers one (405 otherwise). */
  private void openGetStream() {
    HttpRequest req = request().header("Accept", "text/event-stream").GET().build();
    try {
      HttpResponse<InputStream> r = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
      if (r.statusCode() == 200) {
        events(r.body(), false);
      } else {
        close(r.body());
      }
    } catch (IOException e) {
      if (!stopped) {
        diagnostics.accept("the HTTP upstream's event stream failed: " + e.getMessage());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void failed(List<JsonNode> requestIds, Throwable e) {
    diagnostics.accept("the HTTP upstream cannot be reached: " + e);
    requestIds.forEach(id -> out.add(error(id, "the HTTP upstream cannot be reached")));
  }

  private static String error(JsonNode id, String message) {
    var n = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    n.put("jsonrpc", "2.0");
    n.set("id", id);
    n.putObject("error").put("code", UPSTREAM_HTTP_ERROR).put("message", message);
    return RpcParser.text(n);
  }

  private static void close(InputStream body) {
    try {
      body.close();
    } catch (IOException e) {
      // nothing to keep
    }
  }

  private static void thread(String name, Runnable task) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
  }
}
