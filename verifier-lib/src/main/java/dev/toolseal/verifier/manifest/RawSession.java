package dev.toolseal.verifier.manifest;

import java.util.List;
import java.util.Objects;

/**
 * The raw JSON an MCP client received from one server, exactly as it came off the wire: the
 * JSON-RPC {@code result} objects, never SDK-typed records (which drop unknown fields). The caller
 * follows {@code nextCursor} and hands over every page of every list method, in order.
 *
 * @param server the release the session is recorded for
 * @param era the server's protocol era
 * @param clientCapabilities the capabilities object the client sent (in {@code initialize}, or in
 *     every modern request's {@code _meta})
 * @param serverResult the {@code initialize} result object (legacy) or the {@code server/discover}
 *     result object (modern), whole
 * @param protocolVersion modern: the protocol version the client sent on every request; legacy:
 *     empty (the version is inside the initialize result)
 * @param toolsPages every {@code tools/list} result object
 * @param promptsPages every {@code prompts/list} result object
 * @param resourcesPages every {@code resources/list} result object
 * @param resourceTemplatesPages every {@code resources/templates/list} result object
 */
public record RawSession(
    ServerRef server,
    Era era,
    String clientCapabilities,
    String serverResult,
    String protocolVersion,
    List<String> toolsPages,
    List<String> promptsPages,
    List<String> resourcesPages,
    List<String> resourceTemplatesPages) {
  public RawSession {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(era, "era");
    Objects.requireNonNull(clientCapabilities, "clientCapabilities");
    Objects.requireNonNull(serverResult, "serverResult");
    Objects.requireNonNull(protocolVersion, "protocolVersion");
    toolsPages = List.copyOf(toolsPages);
    promptsPages = List.copyOf(promptsPages);
    resourcesPages = List.copyOf(resourcesPages);
    resourceTemplatesPages = List.copyOf(resourceTemplatesPages);
  }

  /** A legacy session: an {@code initialize} result and the lists read on that session. */
  public RawSession(ServerRef server, String clientCapabilities, String initializeResult,
      List<String> toolsPages, List<String> promptsPages, List<String> resourcesPages,
      List<String> resourceTemplatesPages) {
    this(server, Era.LEGACY, clientCapabilities, initializeResult, "", toolsPages, promptsPages,
        resourcesPages, resourceTemplatesPages);
  }

  /** A modern recording: a {@code server/discover} result and the lists read at {@code version}. */
  public static RawSession modern(ServerRef server, String clientCapabilities,
      String protocolVersion, String discoverResult, List<String> toolsPages,
      List<String> promptsPages, List<String> resourcesPages,
      List<String> resourceTemplatesPages) {
    return new RawSession(server, Era.MODERN, clientCapabilities, discoverResult, protocolVersion,
        toolsPages, promptsPages, resourcesPages, resourceTemplatesPages);
  }

  /** The {@code initialize} result of a legacy session. */
  public String initializeResult() {
    if (era != Era.LEGACY) {
      throw new IllegalStateException("a modern session has no initialize result");
    }
    return serverResult;
  }

  /** The pages of one list kind. */
  public List<String> pages(EntryKind kind) {
    return switch (kind) {
      case TOOL -> toolsPages;
      case PROMPT -> promptsPages;
      case RESOURCE -> resourcesPages;
      case RESOURCE_TEMPLATE -> resourceTemplatesPages;
      default -> List.of();
    };
  }
}
