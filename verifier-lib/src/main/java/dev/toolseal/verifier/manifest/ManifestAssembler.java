package dev.toolseal.verifier.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.manifest.ManifestException.Reason;
import java.nio.charset.StandardCharsets;

/**
 * Builds a {@link ToolManifest} from a {@link RawSession}. Every input is parsed strictly; each
 * list entry is kept whole as raw JSON. Of a list page only its entry array counts: {@code
 * nextCursor} is the caller's business and other page members (such as a page {@code _meta}) are
 * not part of the manifest.
 */
public final class ManifestAssembler {
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
    JsonNode init = nested(session.initializeResult(), "initialize result");
    EntryCollector.checkInitialize(init, "initialize result", "");
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
        entries.addArray(kind, EntryCollector.requireMember(result, array, source, ""), source,
            "/" + array);
      }
    }
    ToolManifest manifest = new ToolManifest(
        session.server(), CanonicalJson.of(client), CanonicalJson.of(init), entries.entries());
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

  private void checkTotalSize(RawSession session) throws ManifestException {
    long total = utf8Length(session.clientCapabilities()) + utf8Length(session.initializeResult());
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
