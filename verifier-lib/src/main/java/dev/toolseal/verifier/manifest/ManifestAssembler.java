package dev.toolseal.verifier.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.manifest.ManifestException.Reason;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Builds a {@link ToolManifest} from a {@link RawSession}. Every input is parsed strictly; each
 * list entry is kept whole as raw JSON. Of a list page only its entry array counts: {@code
 * nextCursor} is the caller's business and other page members (such as a page {@code _meta}) are
 * not part of the manifest.
 *
 * <p>A modern session's results are classified as docs/design/eras.md (section 3) says: {@code
 * resultType} must be absent or {@code "complete"} on the discover result and on every list page;
 * the freshness hints {@code ttlMs} and {@code cacheScope} are dropped; the server identity in
 * {@code _meta} ({@value #SERVER_INFO_META}) becomes the manifest's {@code serverInfo} and must be
 * the same on every result of the session (or on none); everything else of the discover result
 * is kept.
 */
public final class ManifestAssembler {
  /** The {@code _meta} key of a modern result that carries the server's identity. */
  public static final String SERVER_INFO_META = "io.modelcontextprotocol/serverInfo";
  /** Members of a discover result that are not part of a manifest (eras.md, section 3). */
  static final List<String> DROPPED_FROM_DISCOVER = List.of("resultType", "ttlMs", "cacheScope");

  private final ManifestLimits limits;
  private final StrictJson json;

  public ManifestAssembler(ManifestLimits limits) {
    this.limits = limits;
    this.json = new StrictJson(limits);
  }

  /** An assembler with {@link ManifestLimits#DEFAULT}. */
  public ManifestAssembler() {
    this(ManifestLimits.DEFAULT);
  }

  /** Builds the manifest, or says which input is at fault and where. */
  public ToolManifest assemble(RawSession session) throws ManifestException {
    checkTotalSize(session);
    JsonNode client = nested(session.clientCapabilities(), "client capabilities");
    EntryCollector.requireObject(client, "client capabilities", "");
    boolean modern = session.era() == Era.MODERN;
    String serverSource = modern ? "server/discover result" : "initialize result";
    JsonNode serverResult = nested(session.serverResult(), serverSource);
    ToolManifest.ServerSide side;
    JsonNode serverInfo = null;
    if (modern) {
      EntryCollector.requireObject(serverResult, serverSource, "");
      requireComplete(serverResult, serverSource);
      ObjectNode discover = serverResult.deepCopy();
      DROPPED_FROM_DISCOVER.forEach(discover::remove);
      serverInfo = takeServerInfo(discover, serverSource);
      EntryCollector.checkDiscover(discover, serverSource, "");
      side = new ToolManifest.Modern(session.protocolVersion(), CanonicalJson.of(discover),
          serverInfo == null ? null : CanonicalJson.of(serverInfo));
    } else {
      EntryCollector.checkInitialize(serverResult, serverSource, "");
      side = new ToolManifest.Legacy(CanonicalJson.of(serverResult));
    }
    EntryCollector entries = new EntryCollector(limits);
    for (EntryKind kind : EntryKind.values()) {
      if (!kind.isListKind()) {
        continue;
      }
      String array = kind.arrayName().orElseThrow();
      int pageNo = 0;
      for (String page : session.pages(kind)) {
        String source = listMethod(kind) + " page " + ++pageNo;
        JsonNode result = json.parse(page, source);
        EntryCollector.requireObject(result, source, "");
        if (modern) {
          requireComplete(result, source);
          requireSameServerInfo(result, serverInfo, source);
        }
        entries.addArray(kind, EntryCollector.requireMember(result, array, source, ""), source,
            "/" + array);
      }
    }
    ToolManifest manifest = new ToolManifest(
        session.server(), CanonicalJson.of(client), side, entries.entries());
    // canonical numbers can be longer than their input spelling (1E5 is 100000): make sure the
    // stored document will be readable under the same limits
    int stored = ManifestFormat.format(manifest).length;
    if (stored > limits.maxBytes()) {
      throw new ManifestException(Reason.TOO_LARGE, "session", "",
          "stored manifest would be " + stored + " bytes, limit " + limits.maxBytes());
    }
    return manifest;
  }

  /**
   * Parses a result that the stored document nests one level deeper than the raw result (a list
   * page's entries are not: the page object is dropped), so its depth budget is one less.
   */
  private JsonNode nested(String text, String source) throws ManifestException {
    JsonNode node = json.parse(text, source);
    if (StrictJson.depth(node) >= limits.maxDepth()) {
      throw new ManifestException(Reason.TOO_DEEP, source, "",
          "nested in the stored manifest it would pass depth " + limits.maxDepth());
    }
    return node;
  }

  /** A modern result must be complete: input requests are not allowed on discover or lists. */
  private static void requireComplete(JsonNode result, String source) throws ManifestException {
    JsonNode type = result.get("resultType");
    if (type != null && !(type.isTextual() && type.textValue().equals("complete"))) {
      throw new ManifestException(Reason.PROTOCOL, source, "/resultType",
          "a discover or list result must be complete");
    }
  }

  /**
   * Removes the server identity from {@code result}'s {@code _meta} (and {@code _meta} itself
   * when nothing else is left in it); returns the identity, or null when there is none.
   */
  private static JsonNode takeServerInfo(ObjectNode result, String source)
      throws ManifestException {
    JsonNode meta = result.get("_meta");
    if (meta == null) {
      return null;
    }
    EntryCollector.requireObject(meta, source, "/_meta");
    JsonNode info = ((ObjectNode) meta).remove(SERVER_INFO_META);
    if (info != null) {
      EntryCollector.requireObject(info, source, "/_meta/" + Pointers.escape(SERVER_INFO_META));
    }
    if (meta.isEmpty()) {
      result.remove("_meta");
    }
    return info;
  }

  /**
   * Every result of one modern recording must name the same server (or none): the manifest holds
   * one identity, and two identities mean two servers answered (docs/design/eras.md, section 4).
   */
  private static void requireSameServerInfo(JsonNode page, JsonNode discoverInfo, String source)
      throws ManifestException {
    JsonNode meta = page.get("_meta");
    JsonNode info = meta == null ? null : meta.get(SERVER_INFO_META);
    boolean same = info == null ? discoverInfo == null
        : discoverInfo != null && CanonicalJson.of(info).equals(CanonicalJson.of(discoverInfo));
    if (!same) {
      throw new ManifestException(Reason.PROTOCOL, source,
          "/_meta/" + Pointers.escape(SERVER_INFO_META),
          "this result names another server than server/discover did");
    }
  }

  private void checkTotalSize(RawSession session) throws ManifestException {
    long total = utf8Length(session.clientCapabilities()) + utf8Length(session.serverResult());
    for (EntryKind kind : EntryKind.values()) {
      for (String page : session.pages(kind)) {
        total += utf8Length(page);
      }
    }
    if (total > limits.maxBytes()) {
      throw new ManifestException(
          Reason.TOO_LARGE, "session", "", total + " bytes, limit " + limits.maxBytes());
    }
  }

  private static long utf8Length(String s) {
    return s.getBytes(StandardCharsets.UTF_8).length;
  }

  private static String listMethod(EntryKind kind) {
    return switch (kind) {
      case TOOL -> "tools/list";
      case PROMPT -> "prompts/list";
      case RESOURCE -> "resources/list";
      default -> "resources/templates/list";
    };
  }
}
