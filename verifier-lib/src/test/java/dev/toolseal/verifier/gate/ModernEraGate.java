package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolseal.verifier.manifest.Era;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.mcp.McpEndpoint;
import dev.toolseal.verifier.mcp.RecordingLimits;
import dev.toolseal.verifier.relay.AuditLog;
import dev.toolseal.verifier.relay.EmbeddedGuard;
import dev.toolseal.verifier.relay.GuardSettings;
import dev.toolseal.verifier.relay.UpstreamProbe;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The gate engine in front of a modern-era server (MCP 2026-07-28), driven by a raw modern
 * client: lines in, lines out, as {@code toolseal guard} relays them. The 2026 test servers are
 * the ones verifier-lib's build installs under {@code src/test/mcp-servers-2026}.
 */
final class ModernEraGate implements AutoCloseable {
  static final String VERSION = "2026-07-28";
  static final ObjectMapper JSON = new ObjectMapper();
  /** Generous, so a broken engine fails the test instead of hanging it (not a timing check). */
  private static final long WAIT_SECONDS = 60;

  private final EmbeddedGuard engine;
  private final LinkedBlockingQueue<String> fromEngine = new LinkedBlockingQueue<>();
  private final List<JsonNode> others = new ArrayList<>();
  private int nextId = 1;

  private ModernEraGate(GuardSettings settings) {
    this.engine = EmbeddedGuard.start(settings,
        line -> fromEngine.add(new String(line, StandardCharsets.UTF_8)));
  }

  static Path root() {
    Path root = Path.of(System.getProperty("toolseal.test.mcpServers2026",
        "src/test/mcp-servers-2026")).toAbsolutePath();
    if (!Files.isDirectory(root.resolve("node_modules/@modelcontextprotocol/server"))) {
      throw new IllegalStateException("2026-era npm test servers are not installed under " + root);
    }
    return root;
  }

  /** {@code node <script> stdio <args...>} from the 2026 servers. */
  static List<String> stdio(String script, String... args) {
    List<String> command = new ArrayList<>(List.of("node", root().resolve(script).toString(),
        "stdio"));
    command.addAll(List.of(args));
    return command;
  }

  /** A 2026 test server on streamable HTTP ({@code node <script> http 0 args...}). */
  record HttpFixture(Process process, URI url) implements AutoCloseable {
    static HttpFixture start(Map<String, String> env, String script, String... args)
        throws IOException {
      List<String> command = new ArrayList<>(List.of("node", root().resolve(script).toString(),
          "http", "0"));
      command.addAll(List.of(args));
      ProcessBuilder pb = new ProcessBuilder(command)
          .redirectError(ProcessBuilder.Redirect.DISCARD);
      pb.environment().putAll(env);
      Process process = pb.start();
      String line = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8)).readLine();
      if (line == null || !line.startsWith("LISTENING ")) {
        process.destroyForcibly();
        throw new IllegalStateException("the HTTP fixture did not start: " + line);
      }
      return new HttpFixture(process, URI.create("http://127.0.0.1:"
          + line.substring("LISTENING ".length()).trim() + "/mcp"));
    }

    @Override
    public void close() {
      process.destroy();
    }
  }

  /** The modern manifest of {@code command} as it is now, recorded the way the guard does. */
  static ToolManifest pin(List<String> command, Map<String, String> env, ServerRef server)
      throws Exception {
    return pin(command, env, server, JSON.createObjectNode());
  }

  /** The modern manifest of the server at {@code url}, recorded by verifier-lib's recorder. */
  static ToolManifest pinHttp(URI url, ServerRef server) throws Exception {
    return LiveManifests.record(new McpEndpoint.StreamableHttp(url.resolve("/"), url.getPath()),
        server, McpSchema.ClientCapabilities.builder().build(), RecordingLimits.DEFAULT,
        Era.MODERN);
  }

  /** As {@link #pin(List, Map, ServerRef)}, declaring {@code clientCapabilities}. */
  static ToolManifest pin(List<String> command, Map<String, String> env, ServerRef server,
      JsonNode clientCapabilities) throws Exception {
    return LiveManifests.of(server, UpstreamProbe.record(command, env, VERSION,
        clientCapabilities, Duration.ofSeconds(30), GuardSettings.DEFAULT_MAX_MESSAGE_BYTES,
        new PrintStream(PrintStream.nullOutputStream(), true, StandardCharsets.UTF_8)));
  }

  /**
   * Starts the engine for {@code command} with {@code verifier}; the reference is modern. With
   * {@code allowServerRequests}, input requests are relayed under a partial acceptance too.
   */
  static ModernEraGate start(List<String> command, Map<String, String> env, ServerRef server,
      ManifestVerifier verifier, boolean allowServerRequests) throws IOException {
    return start(settings(command, Optional.empty(), env, server, verifier, allowServerRequests,
        GuardSettings.DEFAULT_MAX_EVIDENCE_AGE));
  }

  /** Starts the engine with {@code settings}. */
  static ModernEraGate start(GuardSettings settings) {
    return new ModernEraGate(settings);
  }

  /**
   * Settings for a modern reference recorded as {@link #pin} records it: no audit file, no
   * diagnostics.
   */
  static GuardSettings settings(List<String> command, Optional<URI> url, Map<String, String> env,
      ServerRef server, ManifestVerifier verifier, boolean allowServerRequests,
      Duration maxEvidenceAge) throws IOException {
    return settings(command, url, env, server, verifier, allowServerRequests, maxEvidenceAge,
        Duration.ofSeconds(30));
  }

  /** As above, with {@code timeout} for each of the engine's own requests. */
  static GuardSettings settings(List<String> command, Optional<URI> url, Map<String, String> env,
      ServerRef server, ManifestVerifier verifier, boolean allowServerRequests,
      Duration maxEvidenceAge, Duration timeout) throws IOException {
    // the pins of these tests are recorded declaring no client capabilities (see pin)
    return new GuardSettings(server, command, url, env, verifier,
        () -> Optional.of(JSON.createObjectNode()),
        AuditLog.open(null, Clock.systemUTC(), server.name()), line -> { },
        timeout, GuardSettings.DEFAULT_MAX_MESSAGE_BYTES,
        GuardSettings.RecordingBounds.DEFAULT, Duration.ofSeconds(2), Optional.of(VERSION),
        allowServerRequests, maxEvidenceAge, Clock.systemUTC());
  }

  /** The modern request {@code _meta}, declaring {@code capabilities}. */
  static String meta(String capabilities) {
    return "{\"io.modelcontextprotocol/protocolVersion\":\"" + VERSION + "\","
        + "\"io.modelcontextprotocol/clientInfo\":{\"name\":\"test\",\"version\":\"1\"},"
        + "\"io.modelcontextprotocol/clientCapabilities\":" + capabilities + "}";
  }

  /** Sends a modern request ({@code params} members without braces, may be empty). */
  int send(String method, String params, String capabilities) {
    int id = nextId++;
    String inner = params.isEmpty() ? "" : params + ",";
    engine.send("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method
        + "\",\"params\":{" + inner + "\"_meta\":" + meta(capabilities) + "}}");
    return id;
  }

  /** Sends one raw line, as a client of any era would. */
  void raw(String line) {
    engine.send(line);
  }

  /** The next request of the engine's to the client with {@code method}. */
  JsonNode clientRequest(String method) {
    return next(m -> method.equals(m.path("method").asText()) && m.has("id"), method);
  }

  /** A modern request declaring no client capabilities, and its answer. */
  JsonNode request(String method, String params) {
    return response(send(method, params, "{}"));
  }

  /** Every line the engine sent the client so far, read or not (drains what is unread). */
  List<String> allSeen() {
    List<String> all = new ArrayList<>();
    others.forEach(m -> all.add(m.toString()));
    fromEngine.drainTo(all);
    return all;
  }

  /** Reads until the response with {@code id}; other messages are kept in {@link #others}. */
  JsonNode response(int id) {
    return next(m -> !m.has("method") && m.path("id").isInt() && m.path("id").asInt() == id,
        "answer " + id);
  }

  /** The next notification {@code method}, kept before or read now. */
  JsonNode notification(String method) {
    Predicate<JsonNode> wanted = m -> method.equals(m.path("method").asText()) && !m.has("id");
    for (JsonNode m : others) {
      if (wanted.test(m)) {
        others.remove(m);
        return m;
      }
    }
    return next(wanted, method);
  }

  /** Reads until a message {@code wanted}; the others are kept in {@link #others}. */
  private JsonNode next(Predicate<JsonNode> wanted, String what) {
    try {
      while (true) {
        String line = fromEngine.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(line, "no " + what + " from the engine: " + engine.endReason());
        JsonNode m = JSON.readTree(line);
        if (wanted.test(m)) {
          return m;
        }
        others.add(m);
      }
    } catch (InterruptedException e) {
      throw new AssertionError(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Messages read while waiting for responses that were not those responses. */
  List<JsonNode> others() {
    return others;
  }

  /** The verdict in force now (the engine answered from one, so there is one). */
  Verdict verdict() {
    return engine.verdictInForce(0).orElseThrow();
  }

  /** The refusal kind of an error answer, or empty. */
  static String refusal(JsonNode answer) {
    return answer.path("error").path("data").path("toolseal").path("refusal").asText("");
  }

  @Override
  public void close() {
    engine.close();
  }
}
