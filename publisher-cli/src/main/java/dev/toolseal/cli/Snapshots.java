package dev.toolseal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.manifest.RawSession;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.mcp.ListKind;
import dev.toolseal.verifier.mcp.McpRecordingException;
import dev.toolseal.verifier.mcp.RawSnapshot;
import java.util.List;

/** From a recorded MCP snapshot to the manifest assembler's input, and recording failures. */
final class Snapshots {
  private Snapshots() {}

  /** The raw session of {@code snapshot}, for the release {@code server}. */
  static RawSession session(ServerRef server, RawSnapshot snapshot) {
    return new RawSession(server, snapshot.clientCapabilities().toString(),
        snapshot.initializeResult().toString(), pages(snapshot, ListKind.TOOLS),
        pages(snapshot, ListKind.PROMPTS), pages(snapshot, ListKind.RESOURCES),
        pages(snapshot, ListKind.RESOURCE_TEMPLATES));
  }

  private static List<String> pages(RawSnapshot snapshot, ListKind kind) {
    return snapshot.pages().getOrDefault(kind, List.of()).stream().map(JsonNode::toString)
        .toList();
  }

  /**
   * The exit code for a recording failure: the server could not be reached or answered with an
   * error ({@link ExitCode#IO}); the JVM cannot read stdio safely ({@link ExitCode#INTERNAL});
   * the server sent something ToolSeal refuses ({@link ExitCode#REJECTED}).
   */
  static int exitCode(McpRecordingException e) {
    return switch (e.reason()) {
      case TRANSPORT, TIMEOUT, SERVER_ERROR -> ExitCode.IO;
      case UNSAFE_CHARSET, LISTENER_FAILED -> ExitCode.INTERNAL;
      default -> ExitCode.REJECTED;
    };
  }
}
