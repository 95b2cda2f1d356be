package dev.toolseal.cli.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.verifier.relay.Responses;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toolseal guard --listen 127.0.0.1:0}: the official MCP Java SDK client connects over
 * streamable HTTP to the guard, which runs the stdio server behind it.
 */
class GuardHttpListenTest {
  private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

  @TempDir
  Path dir;

  private GuardHarness guard(String name, List<String> command, String... more)
      throws Exception {
    List<String> options = new ArrayList<>(List.of("--listen", "127.0.0.1:0", "--lock",
        dir.resolve("lock.json").toString(), "--name", name, "--audit",
        dir.resolve("audit.jsonl").toString(), "--env",
        "RUGPULL_CALL_LOG=" + dir.resolve("calls.log")));
    options.addAll(List.of(more));
    return GuardHarness.start(options, command);
  }

  /** The guard's URL, from its stderr (a bounded wait so a broken guard fails, not hangs). */
  static URI url(GuardHarness g) throws InterruptedException {
    for (int i = 0; i < 900; i++) {
      Matcher m = LISTENING.matcher(g.err());
      if (m.find()) {
        return URI.create(m.group(1));
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the guard did not start listening:\n" + g.err());
  }

  private static McpSyncClient client(URI url) {
    HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
        .builder("http://" + url.getHost() + ":" + url.getPort()).endpoint(url.getPath())
        .build();
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
        .initializationTimeout(Duration.ofSeconds(60))
        .capabilities(McpSchema.ClientCapabilities.builder().build()).build();
    client.initialize();
    return client;
  }

  private static McpSchema.CallToolRequest call(String name, Map<String, Object> args) {
    return McpSchema.CallToolRequest.builder(name).arguments(args).build();
  }

  @Test
  void theSdkClientCallsARealToolOverHttpAndClosingTheSessionStopsTheGuard() throws Exception {
    try (GuardHarness g = guard("everything", GuardHarness.everything(), "--approve-first")) {
      McpSyncClient client = client(url(g));
      try {
        assertTrue(client.listTools().tools().stream().map(McpSchema.Tool::name).toList()
            .contains("echo"));
        McpSchema.CallToolResult r = client.callTool(call("echo", Map.of("message", "hi")));
        assertFalse(Boolean.TRUE.equals(r.isError()));
        assertTrue(r.content().toString().contains("hi"), r::toString);
      } finally {
        client.closeGracefully();
      }
      assertEquals(0, g.exitCode()); // the DELETE ended the session and the child
    }
  }

  @Test
  void aRugPulledToolIsInvisibleOverHttpAndItsCallIsRefused() throws Exception {
    GuardEnforcementTest.approve(dir.resolve("lock.json"), "weather",
        GuardHarness.rugpull("baseline"));
    try (GuardHarness g = guard("weather", GuardHarness.rugpull("description-appended"))) {
      McpSyncClient client = client(url(g));
      try {
        assertEquals(List.of("get_weather"), client.listTools().tools().stream()
            .map(McpSchema.Tool::name).toList());
        McpError e = assertThrows(McpError.class, () -> client.callTool(
            call("add", Map.of("a", 1, "b", 2))));
        assertEquals(Responses.REFUSED, e.getJsonRpcError().code());
      } finally {
        client.closeGracefully();
      }
      assertEquals(0, g.exitCode());
    }
    assertFalse(Files.exists(dir.resolve("calls.log")));
    assertTrue(Files.readString(dir.resolve("audit.jsonl")).contains("\"refused\""));
  }

  @Test
  void onlyLoopbackAddressesAreServed() throws Exception {
    try (GuardHarness g = GuardHarness.start(List.of("--listen", "0.0.0.0:0"),
        GuardHarness.everything())) {
      assertEquals(2, g.exitCode());
    }
  }

  @Test
  void badMessagesAreAnsweredOnTheirOwnPost() throws Exception {
    try (GuardHarness g = guard("everything", GuardHarness.everything(), "--approve-first")) {
      URI url = url(g);
      HttpClient http = HttpClient.newHttpClient();
      for (String body : List.of("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
          "{\"jsonrpc\":\"2.0\",\"id\":1,\"id\":2,\"method\":\"ping\"}", "[]", "{")) {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode(), body);
        int code = GuardHarness.JSON.readTree(r.body()).path("error").path("code").asInt();
        assertTrue(code == -32600 || code == -32700, r::body);
      }
      // no session yet: a request that is not initialize, and a GET, are refused
      assertEquals(400, http.send(HttpRequest.newBuilder(url)
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(
              "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}")).build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals(400, http.send(HttpRequest.newBuilder(url).GET().build(),
          HttpResponse.BodyHandlers.ofString()).statusCode());
      assertEquals(403, http.send(HttpRequest.newBuilder(url).header("Origin",
          "http://evil.example").GET().build(), HttpResponse.BodyHandlers.ofString())
          .statusCode());
    }
  }
}
