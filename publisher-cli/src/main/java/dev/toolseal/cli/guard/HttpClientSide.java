package dev.toolseal.cli.guard;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.toolseal.verifier.relay.LineQueue;
import dev.toolseal.verifier.relay.LineSplitter;
import dev.toolseal.verifier.relay.McpHeaders;
import dev.toolseal.verifier.relay.Responses;
import dev.toolseal.verifier.relay.RpcFormatException;
import dev.toolseal.verifier.relay.RpcMessage;
import dev.toolseal.verifier.relay.RpcParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The guard's client side as a streamable HTTP server (MCP 2025-03-26 and later) on a loopback
 * address, for one session: the guard reads the client's messages from {@link #input()} and
 * writes its own to {@link #output()}, exactly as on stdio.
 *
 * <ul>
 *   <li>POST: one message or batch. Only notifications or responses: 202. With requests: 200 and
 *       an SSE stream that carries the answers to those requests (and server messages while no
 *       GET stream is open), closed once every request in it is answered.
 *   <li>GET: the stream for the server's own messages (notifications, requests to the client);
 *       at most one. Messages sent while no stream is open wait for one (at most
 *       {@link #MAX_WAITING}).
 *   <li>DELETE: ends the session; the guard then stops the upstream as when stdin closes.
 * </ul>
 *
 * In the legacy era the first POST must be {@code initialize}; its answer carries the {@code
 * Mcp-Session-Id} every later request must send (404 otherwise). A modern request (MCP
 * 2026-07-28: a protocol version in its {@code _meta}) needs no session and must carry the
 * headers that mirror its body ({@link McpHeaders}); one whose headers disagree with its body is
 * answered 400 with error -32020 and goes no further. Requests with an {@code Origin} header
 * other than a loopback one are refused (403), against DNS rebinding.
 */
public final class HttpClientSide implements AutoCloseable {
  static final int MAX_WAITING = 10_000;

  private final HttpServer server;
  private final ExecutorService executor;
  private final String path;
  private final int maxMessageBytes;
  private final Consumer<String> diagnostics;
  private final LineQueue in = new LineQueue();
  private final LineSplitter out = new LineSplitter(this::toClient, this::close);
  private final Object lock = new Object();
  private String sessionId; // under lock
  private boolean ended; // under lock
  private final Map<String, Stream> byRequest = new HashMap<>(); // id text -> stream
  private final List<Stream> posts = new ArrayList<>();
  private Stream get;
  private final ArrayDeque<String> waiting = new ArrayDeque<>();

  private HttpClientSide(HttpServer server, ExecutorService executor, String path,
      int maxMessageBytes, Consumer<String> diagnostics) {
    this.server = server;
    this.executor = executor;
    this.path = path;
    this.maxMessageBytes = maxMessageBytes;
    this.diagnostics = diagnostics;
  }

  /** Listens on {@code address} (port 0: any free one) for MCP at {@code path}. */
  public static HttpClientSide listen(InetSocketAddress address, String path,
      int maxMessageBytes, Consumer<String> diagnostics) throws IOException {
    HttpServer server = HttpServer.create(address, 16);
    ExecutorService executor = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "toolseal-guard-http");
      t.setDaemon(true);
      return t;
    });
    HttpClientSide side = new HttpClientSide(server, executor, path, maxMessageBytes,
        diagnostics);
    server.setExecutor(executor);
    server.createContext(path, side::handle);
    server.start();
    return side;
  }

  /** The client's messages, one per line; ends when the session is deleted. */
  public InputStream input() {
    return in;
  }

  /** The guard's messages to the client, one per line. */
  public OutputStream output() {
    return out;
  }

  /** Where the client connects. */
  public URI uri() {
    InetSocketAddress a = server.getAddress();
    return URI.create("http://" + a.getHostString() + ":" + a.getPort() + path);
  }

  /** One open SSE response. */
  private static final class Stream {
    final HttpExchange exchange;
    int open; // requests not answered yet (POST streams)

    Stream(HttpExchange exchange) {
      this.exchange = exchange;
    }

    boolean send(String message) {
      try {
        OutputStream body = exchange.getResponseBody();
        body.write(("event: message\ndata: " + message + "\n\n")
            .getBytes(StandardCharsets.UTF_8));
        body.flush();
        return true;
      } catch (IOException e) {
        exchange.close();
        return false;
      }
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try {
      if (!ex.getRequestURI().getPath().equals(path)) {
        reply(ex, 404, null);
        return;
      }
      String origin = ex.getRequestHeaders().getFirst("Origin");
      if (origin != null && !loopback(origin)) {
        reply(ex, 403, null);
        return;
      }
      switch (ex.getRequestMethod()) {
        case "POST" -> post(ex);
        case "GET" -> get(ex);
        case "DELETE" -> delete(ex);
        default -> {
          ex.getResponseHeaders().add("Allow", "GET, POST, DELETE");
          reply(ex, 405, null);
        }
      }
    } catch (IOException | RuntimeException e) {
      ex.close();
      throw e;
    }
  }

  private void post(HttpExchange ex) throws IOException {
    byte[] body;
    try (InputStream b = ex.getRequestBody()) {
      body = b.readNBytes(maxMessageBytes + 1);
    }
    // judged here as the guard would, so that no request the guard answers with id null
    // leaves its stream open: a bad message is answered on this POST
    RpcParser.Parsed parsed;
    JsonNode message;
    try {
      if (body.length > maxMessageBytes) {
        reply(ex, 413, RpcParser.text(Responses.error(RpcFormatException.INVALID_REQUEST,
            "message longer than " + maxMessageBytes + " bytes")));
        return;
      }
      message = RpcParser.json(body);
      parsed = RpcParser.parse(body);
    } catch (RpcFormatException e) {
      reply(ex, 400, RpcParser.text(Responses.error(e.code(), e.getMessage())));
      return;
    }
    List<String> ids = new ArrayList<>();
    boolean initialize = false;
    for (RpcMessage m : parsed.messages()) {
      if (m.kind() == RpcMessage.Kind.REQUEST) {
        ids.add(RpcParser.text(m.tree().get("id")));
        initialize |= m.is("initialize");
      }
    }
    String line = RpcParser.text(message);
    boolean modern = McpHeaders.isModernRequest(message);
    if (modern) {
      Optional<String> wrong = McpHeaders.mismatch(message, ex.getRequestHeaders()::getFirst);
      if (wrong.isPresent()) { // nothing of it goes further: the body is what the guard judges
        diagnostics.accept("refused a request whose " + wrong.get() + " header disagrees with"
            + " its body");
        reply(ex, 400, RpcParser.text(McpHeaders.mismatchError(message.get("id"), wrong.get())));
        return;
      }
    }
    synchronized (lock) {
      if (ended) {
        reply(ex, 404, null);
        return;
      }
      if (modern) {
        // no session in the modern era: every request stands alone
      } else if (sessionId == null) {
        if (!initialize || message.isArray()) {
          reply(ex, 400, "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32600,"
              + "\"message\":\"the first message must be initialize\"}}");
          return;
        }
        sessionId = UUID.randomUUID().toString();
      } else if (!sessionId.equals(ex.getRequestHeaders().getFirst("Mcp-Session-Id"))) {
        reply(ex, initialize ? 400 : 404, null);
        return;
      }
      if (!modern) {
        ex.getResponseHeaders().add("Mcp-Session-Id", sessionId);
      }
      if (ids.isEmpty()) {
        reply(ex, 202, null);
      } else {
        ex.getResponseHeaders().add("Content-Type", "text/event-stream");
        ex.getResponseHeaders().add("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        Stream s = new Stream(ex);
        for (String id : ids) {
          if (byRequest.putIfAbsent(id, s) == null) {
            s.open++;
          }
        }
        if (s.open == 0) {
          ex.close(); // every id is in flight on another stream: the guard refuses them there
        } else {
          posts.add(s);
        }
      }
      in.add(line); // under the lock, so the guard reads messages in the order they came
    }
  }

  private void get(HttpExchange ex) throws IOException {
    synchronized (lock) {
      if (ended || sessionId == null
          || !sessionId.equals(ex.getRequestHeaders().getFirst("Mcp-Session-Id"))) {
        reply(ex, sessionId == null ? 400 : 404, null);
        return;
      }
      if (get != null) {
        reply(ex, 409, null);
        return;
      }
      ex.getResponseHeaders().add("Content-Type", "text/event-stream");
      ex.getResponseHeaders().add("Cache-Control", "no-cache");
      ex.getResponseHeaders().add("Mcp-Session-Id", sessionId);
      ex.sendResponseHeaders(200, 0);
      get = new Stream(ex);
      while (!waiting.isEmpty() && get != null) {
        if (!get.send(waiting.peek())) {
          get = null;
        } else {
          waiting.poll();
        }
      }
    }
  }

  private void delete(HttpExchange ex) throws IOException {
    synchronized (lock) {
      if (sessionId == null || !sessionId.equals(ex.getRequestHeaders().getFirst(
          "Mcp-Session-Id"))) {
        reply(ex, 404, null);
        return;
      }
      reply(ex, 200, null);
      endSession();
    }
  }

  /** One line from the guard: route it to the stream of its request, or the server stream. */
  private void toClient(byte[] line) {
    String text = new String(line, StandardCharsets.UTF_8);
    List<String> ids = new ArrayList<>();
    try {
      JsonNode m = RpcParser.json(line);
      for (JsonNode e : m.isArray() ? m : List.of(m)) {
        if (e.isObject() && !e.has("method") && e.has("id")) {
          ids.add(RpcParser.text(e.get("id")));
        }
      }
    } catch (RpcFormatException e) {
      diagnostics.accept("not sent to the client, not JSON: " + e.getMessage());
      return;
    }
    synchronized (lock) {
      Stream target = null;
      for (String id : ids) {
        Stream s = byRequest.remove(id);
        if (s != null) {
          target = s;
          s.open--;
        }
      }
      if (target != null) {
        target.send(text);
        if (target.open == 0) {
          posts.remove(target);
          target.exchange.close();
        }
        return;
      }
      serverMessage(text);
    }
  }

  /** A message not answering a request: the GET stream, else an open POST stream, else wait. */
  private void serverMessage(String text) {
    if (get != null) {
      if (get.send(text)) {
        return;
      }
      get = null;
    }
    for (Stream s : List.copyOf(posts)) {
      if (s.send(text)) {
        return;
      }
      posts.remove(s);
    }
    if (waiting.size() < MAX_WAITING) {
      waiting.add(text);
    } else {
      diagnostics.accept("dropped a message: the client keeps no stream open");
    }
  }

  private void endSession() {
    if (!ended) {
      ended = true;
      in.end();
    }
  }

  private static boolean loopback(String origin) {
    try {
      String host = URI.create(origin).getHost();
      return host != null && (host.equals("localhost") || host.equals("127.0.0.1")
          || host.equals("[::1]") || host.equals("::1"));
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  private static void reply(HttpExchange ex, int status, String json) throws IOException {
    byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
    if (json != null) {
      ex.getResponseHeaders().add("Content-Type", "application/json");
    }
    ex.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      ex.getResponseBody().write(body);
    }
    ex.close();
  }

  /** Stops listening and closes every open stream; the guard's input ends. */
  @Override
  public void close() {
    synchronized (lock) {
      endSession();
      posts.forEach(s -> s.exchange.close());
      posts.clear();
      if (get != null) {
        get.exchange.close();
        get = null;
      }
    }
    server.stop(0);
    executor.shutdownNow();
  }
}
