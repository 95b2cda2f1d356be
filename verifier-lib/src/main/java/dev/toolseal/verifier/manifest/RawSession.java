package dev.toolseal.verifier.manifest;

import java.util.List;
import java.util.Objects;

/**
 * The raw JSON an MCP client received in one session, exactly as it came off the wire: the
 * JSON-RPC {@code result} objects, never SDK-typed records (which drop unknown fields). The caller
 * follows {@code nextCursor} and hands over every page of every list method, in order.
 *
 * @param server the release the session is recorded for
 * @param clientCapabilities the capabilities object the client sent in {@code initialize}
 * @param initializeResult the {@code initialize} result object
 * @param toolsPages every {@code tools/list} result object
 * @param promptsPages every {@code prompts/list} result object
 * @param resourcesPages every {@code resources/list} result object
 * @param resourceTemplatesPages every {@code resources/templates/list} result object
 */
public record RawSession(
    ServerRef server,
    String clientCapabilities,
    String initializeResult,
    List<String> toolsPages,
    List<String> promptsPages,
    List<String> resourcesPages,
    List<String> resourceTemplatesPages) {
  public RawSession {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(clientCapabilities, "clientCapabilities");
    Objects.requireNonNull(initializeResult, "initializeResult");
    toolsPages = List.copyOf(toolsPages);
    promptsPages = List.copyOf(promptsPages);
    resourcesPages = List.copyOf(resourcesPages);
    resourceTemplatesPages = List.copyOf(resourceTemplatesPages);
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
