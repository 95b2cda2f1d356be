package dev.toolseal.verifier.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A raw JSON-RPC client for the test servers of both eras (no SDK): starts a fixture script
 * with node on stdio or on HTTP and exchanges plain messages with it, so a test sees exactly
 * what the server wrote. Used by {@link ModernFixturesTest}; later gate tests can start the same
 * fixtures through it.
 */
final class RawModernClient {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String MODERN = "2026-07-28";
  static final String LEGACY = "2025-11-25";
  static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  private RawModernClient() {
  }

  /** A script of the 2026-era package ({@code src/test/mcp-servers-2026}). */
  static Path modernScript(String name) {
    Path root = Path.of(System.getProperty("toolseal.test.mcpServers2026",
        "src/test/mcp-servers-2026")).toAbsolutePath();
    if (!Files.isDirectory(root.resolve("node_modules/@modelcontextprotocol/server"))) {
      throw new IllegalStateException("the 2026-era fixtures are not installed under " + root
          + "; the Maven build runs npm ci in generate-test-resources");
    }
    return root.resolve(name);
  }

  /** A script of the 2025-era package ({@code src/test/mcp-servers}). */
  static Path legacyScript(String name) {
    return TestServers.root().resolve(name);
  }

  /** Request params holding only the modern {@code _meta} every 2026-era request carries. */
  static ObjectNode modernParams() {
    ObjectNode params = JSON.createObjectNode();
    ObjectNode meta = params.putObject("_meta");
    meta.put("io.modelcontextprotocol/protocolVersion", MODERN);
    meta.putObject("io.modelcontextprotocol/clientInfo").put("name", "fixture-test")
        .put("version", "0");
    meta.putObject("io.modelcontextprotocol/clientCapabilities");
    return params;
  }

  static ObjectNode legacyInitialize() {
    ObjectNode params = JSON.createObjectNode();
    params.put("protocolVersion", LEGACY);
    params.putObject("capabilities");
    params.putObject("clientInfo").put("name", "fixture-test").put("version", "0");
    return params;
  }

  static String request(int id, String method, JsonNode params) {
    ObjectNode message = JSON.createObjectNode();
    message.put("jsonrpc", "2.0");
    message.put("id", id);
    message.put("method", method);
    if (params != null) {
      message.set("params", params);
    }
    return message.toString();
  }

  static List<String> fieldNames(JsonNode node) {
    List<String> names = new ArrayList<>();
    node.fieldNames().forEachRemaining(names::add);
    return names;
  }

  /** Starts {@code node script args...} with {@code env} added; stderr is discarded. */
  static Process start(Path script, List<String> args, Map<String, String> env)
      throws IOException {
    List<String> command = new ArrayList<>(List.of("node", script.toString()));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().putAll(env);
    return builder.start();
  }

  /** Stops a fixture process, forcibly when it does not go within five seconds. */
  static void stop(Process process) {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A fixture on stdio: one request line out; answers matched by id, and every other message
   * the server writes (notifications) kept in arrival order.
   */
  static final class Stdio implements AutoCloseable {
    private final Process process;
    private final Writer in;
    private final BlockingQueue<JsonNode> incoming = new LinkedBlockingQueue<>();
    private final List<JsonNode> notifications = new ArrayList<>();

    private Stdio(Process process) {
      this.process = process;
      this.in = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
      BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      Thread reader = new Thread(() -> {
        try {
          for (String line = out.readLine(); line != null; line = out.readLine()) {
            incoming.add(JSON.readTree(line));
          }
        } catch (IOException e) {
          // the process ended; calls time out with a message
        }
      }, "fixture-stdout");
      reader.setDaemon(true);
      reader.start();
    }

    static Stdio start(Path script, String... args) throws IOException {
      return new Stdio(RawModernClient.start(script, List.of(args), Map.of()));
    }

    /** Sends a request and returns the whole answer with its id (result or error). */
    JsonNode call(int id, String method, JsonNode params) throws Exception {
      send(request(id, method, params));
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (true) {
        JsonNode message = incoming.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (message == null) {
          throw new AssertionError("no answer to " + method + " (id " + id + ")");
        }
        if (message.has("id") && message.get("id").asInt() == id
            && (message.has("result") || message.has("error"))) {
          return message;
        }
        notifications.add(message);
      }
    }

    /** The result of a request that must succeed. */
    JsonNode result(int id, String method, JsonNode params) throws Exception {
      JsonNode answer = call(id, method, params);
      if (!answer.has("result")) {
        throw new AssertionError(method + " failed: " + answer);
      }
      return answer.get("result");
    }

    void send(String line) throws IOException {
      in.write(line + "\n");
      in.flush();
    }

    /** The next notification with this method, waiting for it if it has not come yet. */
    JsonNode notification(String method) throws InterruptedException {
      long deadline = System.nanoTime() + TIMEOUT.toNanos();
      while (true) {
        for (JsonNode seen : notifications) {
          if (method.equals(seen.path("method").asText())) {
            notifications.remove(seen);
            return seen;
          }
        }
        JsonNode message = incoming.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
        if (message == null) {
          throw new AssertionError("no " + method + "; other messages: " + notifications);
        }
        notifications.add(message);
      }
    }

    @Override
    public void close() {
      stop(process);
    }
  }

  /** A fixture on streamable HTTP at a port it picked itself ({@code LISTENING <port>}). */
  static final class Http implements AutoCloseable {
    private final Process process;
    final URI endpoint;
    final HttpClient client = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();

    private Http(Process process, URI endpoint) {
      this.process = process;
      this.endpoint = endpoint;
    }

    /** Starts {@code node script http 0 args...}. */
    static Http start(Path script, Map<String, String> env, String... args) throws Exception {
      List<String> all = new ArrayList<>(List.of("http", "0"));
      all.addAll(List.of(args));
      return launch(script, env, all);
    }

    /** Starts {@code node script args...}, a script that prints {@code LISTENING <port>}. */
    static Http launch(Path script, Map<String, String> env, List<String> args) throws Exception {
      Process process = RawModernClient.start(script, args, env);
      BufferedReader out = new BufferedReader(
          new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      String line = CompletableFuture.supplyAsync(() -> {
        try {
          return out.readLine();
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
      }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      if (line == null || !line.startsWith("LISTENING ")) {
        stop(process);
        throw new IllegalStateException("the HTTP fixture did not start: " + line);
      }
      int port = Integer.parseInt(line.substring("LISTENING ".length()).trim());
      return new Http(process, URI.create("http://127.0.0.1:" + port + "/mcp"));
    }

    /** The fixture as the recorder's endpoint. */
    McpEndpoint.StreamableHttp mcpEndpoint() {
      return new McpEndpoint.StreamableHttp(endpoint.resolve("/"), endpoint.getPath());
    }

    /** POSTs a body with the modern headers; {@code name} is the Mcp-Name header or null. */
    HttpResponse<String> post(String method, String name, String body)
        throws IOException, InterruptedException {
      HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint).timeout(TIMEOUT)
          .header("Content-Type", "application/json")
          .header("Accept", "application/json, text/event-stream")
          .header("MCP-Protocol-Version", MODERN)
          .header("Mcp-Method", method)
          .POST(HttpRequest.BodyPublishers.ofString(body));
      if (name != null) {
        builder.header("Mcp-Name", name);
      }
      return client.send(builder.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** POSTs a modern request whose headers match its body and returns the parsed answer. */
    JsonNode call(int id, String method, JsonNode params) throws Exception {
      String name = params != null && params.has("name") ? params.get("name").asText()
          : params != null && params.has("uri") ? params.get("uri").asText() : null;
      HttpResponse<String> response = post(method, name, request(id, method, params));
      return JSON.readTree(response.body());
    }

    @Override
    public void close() {
      stop(process);
    }
  }
}
