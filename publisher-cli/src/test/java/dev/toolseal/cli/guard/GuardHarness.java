package dev.toolseal.cli.guard;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code toolseal guard ...} in-process on a thread, with pipes for its stdin and stdout:
 * a test writes raw JSON-RPC lines as the client and reads what the guard sends back.
 */
final class GuardHarness implements AutoCloseable {
  static final ObjectMapper JSON = new ObjectMapper();
  /** Generous bound so a broken guard fails the test instead of hanging it (not a timing check). */
  private static final long WAIT_SECONDS = 90;

  private final OutputStream toGuard;
  private final LinkedBlockingQueue<String> fromGuard = new LinkedBlockingQueue<>();
  private final InProcessGuard guard;
  private int nextId = 1;

  private GuardHarness(List<String> args) throws IOException {
    guard = new InProcessGuard(args);
    toGuard = guard.toGuard();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(
          guard.fromGuard(), StandardCharsets.UTF_8))) {
        for (String line = r.readLine(); line != null; line = r.readLine()) {
          fromGuard.add(line);
        }
      } catch (IOException e) {
        // the guard closed its output
      }
    }, "guard-output-reader");
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts {@code toolseal guard <options> -- <command>}. */
  static GuardHarness start(List<String> options, List<String> command) throws IOException {
    List<String> args = new ArrayList<>(List.of("guard"));
    args.addAll(options);
    args.add("--");
    args.addAll(command);
    return new GuardHarness(args);
  }

  static Path servers() {
    Path root = Path.of(System.getProperty("toolseal.test.mcpServers",
        "../verifier-lib/src/test/mcp-servers")).toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve("node_modules/@modelcontextprotocol/sdk"))) {
      throw new IllegalStateException("npm test servers are not installed under " + root);
    }
    return root;
  }

  static List<String> rugpull(String variant) {
    return List.of("node", servers().resolve("rugpull-server.mjs").toString(), variant);
  }

  static List<String> everything() {
    return List.of("node", servers().resolve(
        "node_modules/@modelcontextprotocol/server-everything/dist/index.js").toString(),
        "stdio");
  }

  static List<String> memory() {
    return List.of("node", servers().resolve(
        "node_modules/@modelcontextprotocol/server-memory/dist/index.js").toString());
  }

  /** Writes one raw line to the guard. */
  void send(String line) {
    try {
      toGuard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
      toGuard.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Sends a request with the next numeric id and returns that id. */
  int request(String method, String params) {
    int id = nextId++;
    send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":"
        + params + "}");
    return id;
  }

  /** The next line from the guard, parsed. */
  JsonNode receive() {
    try {
      String line = fromGuard.poll(WAIT_SECONDS, TimeUnit.SECONDS);
      assertNotNull(line, () -> "no message from the guard; stderr:\n" + err());
      return JSON.readTree(line);
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads until the response with {@code id}; other messages go to {@code others}. */
  JsonNode response(int id, List<JsonNode> others) {
    while (true) {
      JsonNode m = receive();
      if (!m.has("method") && m.path("id").isNumber() && m.path("id").asInt() == id) {
        return m;
      }
      others.add(m);
    }
  }

  JsonNode response(int id) {
    return response(id, new ArrayList<>());
  }

  /** initialize + initialized, as a client declaring {@code capabilities}. */
  JsonNode initialize(String capabilities) {
    int id = request("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":"
        + capabilities + ",\"clientInfo\":{\"name\":\"test\",\"version\":\"1\"}}");
    JsonNode r = response(id);
    send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    return r;
  }

  JsonNode call(String tool, String args) {
    return response(request("tools/call", "{\"name\":\"" + tool + "\",\"arguments\":" + args
        + "}"));
  }

  List<String> toolNames() {
    JsonNode r = response(request("tools/list", "{}"));
    List<String> names = new ArrayList<>();
    r.path("result").path("tools").forEach(t -> names.add(t.path("name").asText()));
    return names;
  }

  /** Closes the guard's stdin (the client leaves) and waits for its exit code. */
  int closeAndWait() {
    try {
      toGuard.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return exitCode();
  }

  int exitCode() {
    try {
      return guard.exit().get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new AssertionError("the guard did not end; stderr:\n" + err(), e);
    }
  }

  String err() {
    return guard.err();
  }

  @Override
  public void close() {
    try {
      toGuard.close();
    } catch (IOException e) {
      // already closed
    }
  }
}
