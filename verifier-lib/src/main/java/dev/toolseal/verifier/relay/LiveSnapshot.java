package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.manifest.ManifestAssembler;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.RawSession;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.mcp.ListKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What the guard recorded of the upstream in one go: the client's capabilities and the
 * {@code initialize} result of the session, and every page of every declared list, raw.
 *
 * @param clientCapabilities as the client sent them
 * @param initializeResult as the upstream answered the client
 * @param pages the result objects per list, in order; a list that is not declared is absent
 */
public record LiveSnapshot(JsonNode clientCapabilities, JsonNode initializeResult,
    Map<ListKind, List<JsonNode>> pages) {
  public LiveSnapshot {
    clientCapabilities = clientCapabilities.deepCopy();
    initializeResult = initializeResult.deepCopy();
    EnumMap<ListKind, List<JsonNode>> copy = new EnumMap<>(ListKind.class);
    pages.forEach((k, v) -> copy.put(k, v.stream().<JsonNode>map(JsonNode::deepCopy).toList()));
    pages = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * The manifest the verifier judges, assembled from the raw texts only, with {@code
   * comparedCapabilities} as its client capabilities (the reference's; see {@link
   * ReferenceCapabilities}).
   */
  public ToolManifest manifest(ServerRef server, JsonNode comparedCapabilities)
      throws ManifestException {
    return new ManifestAssembler().assemble(new RawSession(server,
        RpcParser.text(comparedCapabilities), RpcParser.text(initializeResult),
        texts(ListKind.TOOLS), texts(ListKind.PROMPTS), texts(ListKind.RESOURCES),
        texts(ListKind.RESOURCE_TEMPLATES)));
  }

  /** Every entry of one list, in the server's order, raw (copies). */
  List<JsonNode> entries(ListKind kind) {
    return pages.getOrDefault(kind, List.of()).stream()
        .flatMap(page -> {
          java.util.List<JsonNode> items = new java.util.ArrayList<>();
          page.path(kind.itemsField()).forEach(e -> items.add(e.deepCopy()));
          return items.stream();
        }).toList();
  }

  private List<String> texts(ListKind kind) {
    return pages.getOrDefault(kind, List.of()).stream().map(RpcParser::text).toList();
  }
}
