package dev.toolseal.cli.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.verifier.relay.Responses;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.client.transport.ServerParameters;
import io.modelcontextprotocol.client.transport.StdioClientTransport;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpError;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official MCP Java SDK client in front of {@code toolseal guard}, which runs as its own
 * process ({@code java ... dev.toolseal.cli.Main guard}) started by the SDK's stdio transport.
 */
class GuardSdkClientTest {
  @TempDir
  Path dir;

  private McpSyncClient client(List<String> guardArgs) {
    List<String> args = new ArrayList<>(List.of("-Dfile.encoding=UTF-8", "-cp",
        System.getProperty("java.class.path"), "dev.toolseal.cli.Main", "guard"));
    args.addAll(guardArgs);
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    StdioClientTransport transport = new StdioClientTransport(ServerParameters
        .builder(java.toString()).args(args).build(), McpJsonDefaults.getMapper());
    McpSyncClient client = McpClient.sync(transport).requestTimeout(Duration.ofSeconds(60))
        .initializationTimeout(Duration.ofSeconds(60))
        .capabilities(McpSchema.ClientCapabilities.builder().build()).build();
    client.initialize();
    return client;
  }

  private List<String> guardArgs(String name, List<String> command) {
    List<String> a = new ArrayList<>(List.of("--lock", dir.resolve("lock.json").toString(),
        "--name", name, "--audit", dir.resolve("audit.jsonl").toString(), "--env",
        "MEMORY_FILE_PATH=" + dir.resolve("memory.jsonl"), "--env",
        "RUGPULL_CALL_LOG=" + dir.resolve("calls.log"), "--"));
    a.addAll(command);
    return a;
  }

  private static McpSchema.CallToolRequest call(String name, Map<String, Object> args) {
    return McpSchema.CallToolRequest.builder(name).arguments(args).build();
  }

  @Test
  void aPinnedReferenceServerAnswersRealCalls() {
    GuardEnforcementTest.approve(dir.resolve("lock.json"), "memory", GuardHarness.memory(),
        "--env", "MEMORY_FILE_PATH=" + dir.resolve("memory.jsonl"));
    McpSyncClient client = client(guardArgs("memory", GuardHarness.memory()));
    try {
      List<String> tools = client.listTools().tools().stream().map(McpSchema.Tool::name).toList();
      assertTrue(tools.contains("create_entities") && tools.contains("read_graph"), tools::toString);
      client.callTool(call("create_entities", Map.of("entities",
          List.of(Map.of("name", "Ada", "entityType", "person", "observations",
              List.of("wrote the first program"))))));
      McpSchema.CallToolResult graph = client.callTool(
          call("read_graph", Map.of()));
      assertFalse(Boolean.TRUE.equals(graph.isError()));
      assertTrue(graph.content().toString().contains("Ada"));
    } finally {
      client.closeGracefully();
    }
  }

  @Test
  void aRugPulledToolIsInvisibleToTheSdkAndItsCallFails() throws Exception {
    GuardEnforcementTest.approve(dir.resolve("lock.json"), "weather",
        GuardHarness.rugpull("baseline"));
    McpSyncClient client = client(guardArgs("weather",
        GuardHarness.rugpull("description-appended")));
    try {
      assertEquals(List.of("get_weather"), client.listTools().tools().stream()
          .map(McpSchema.Tool::name).toList());
      McpError e = assertThrows(McpError.class, () -> client.callTool(
          call("add", Map.of("a", 1, "b", 2))));
      assertEquals(Responses.REFUSED, e.getJsonRpcError().code());
    } finally {
      client.closeGracefully();
    }
    assertFalse(Files.exists(dir.resolve("calls.log")));
    assertTrue(Files.readString(dir.resolve("audit.jsonl")).contains("\"refused\""));
  }
}
