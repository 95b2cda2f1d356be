package dev.toolseal.verifier.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.tlog.Hash;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * ToolManifest v1: everything an MCP server told a client in one session, as raw JSON. Built from
 * a live session by {@link ManifestAssembler} or read back from its stored document by {@link
 * ManifestFormat}; compared by {@link ManifestDiff}.
 *
 * @param server the release this manifest describes
 * @param clientCapabilities the capabilities object the recording client sent
 * @param initialize the raw {@code initialize} result object (protocolVersion, capabilities,
 *     serverInfo, optional instructions, and any other members)
 * @param entries every list entry, keyed by its {@link EntryKey}; sorted, unmodifiable
 */
public record ToolManifest(
    ServerRef server,
    CanonicalJson clientCapabilities,
    CanonicalJson initialize,
    SortedMap<EntryKey, CanonicalJson> entries) {
  /** The value of {@code manifestVersion} in the stored document. */
  public static final String VERSION = "toolseal.dev/manifest/v1";

  public ToolManifest {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(clientCapabilities, "clientCapabilities");
    Objects.requireNonNull(initialize, "initialize");
    if (!clientCapabilities.isObject()) {
      throw new IllegalArgumentException("client capabilities must be an object");
    }
    JsonNode init = initialize.view();
    if (!init.isObject()
        || !init.path("protocolVersion").isTextual()
        || !init.path("serverInfo").isObject()
        || !init.path("capabilities").isObject()
        || (init.has("instructions") && !init.get("instructions").isTextual())) {
      throw new IllegalArgumentException("not an MCP initialize result");
    }
    TreeMap<EntryKey, CanonicalJson> copy = new TreeMap<>(entries);
    for (Map.Entry<EntryKey, CanonicalJson> e : copy.entrySet()) {
      EntryKind kind = e.getKey().kind();
      JsonNode id = e.getValue().isObject()
          ? e.getValue().member(kind.idMember().orElse("")) : MissingNode.getInstance();
      if (!kind.isListKind() || !id.isTextual() || !id.textValue().equals(e.getKey().id())) {
        throw new IllegalArgumentException("entry does not match its key " + e.getKey());
      }
    }
    entries = Collections.unmodifiableSortedMap(copy);
  }

  /** The entries of one list kind, in key order. */
  public List<CanonicalJson> entries(EntryKind kind) {
    return entries.entrySet().stream()
        .filter(e -> e.getKey().kind() == kind)
        .map(Map.Entry::getValue)
        .toList();
  }

  /**
   * Every digested part: the fixed parts ({@code release:server}, {@code client:capabilities},
   * {@code server:protocolVersion}, {@code server:info}, {@code server:capabilities}, and when
   * present {@code server:instructions} and {@code server:extra}) followed by every list entry.
   * Together they determine the whole document, so equal parts mean an equal manifest digest.
   */
  public SortedMap<EntryKey, CanonicalJson> parts() {
    TreeMap<EntryKey, CanonicalJson> parts = new TreeMap<>(entries);
    ObjectNode release = JsonNodeFactory.instance.objectNode();
    release.put("name", server.name());
    release.put("version", server.version());
    parts.put(EntryKey.RELEASE_SERVER, CanonicalJson.of(release));
    parts.put(EntryKey.CLIENT_CAPABILITIES, clientCapabilities);
    ObjectNode init = (ObjectNode) initialize.tree();
    parts.put(EntryKey.SERVER_PROTOCOL_VERSION, CanonicalJson.of(init.remove("protocolVersion")));
    parts.put(EntryKey.SERVER_INFO, CanonicalJson.of(init.remove("serverInfo")));
    parts.put(EntryKey.SERVER_CAPABILITIES, CanonicalJson.of(init.remove("capabilities")));
    JsonNode instructions = init.remove("instructions");
    if (instructions != null) {
      parts.put(EntryKey.SERVER_INSTRUCTIONS, CanonicalJson.of(instructions));
    }
    if (!init.isEmpty()) {
      parts.put(EntryKey.SERVER_EXTRA, CanonicalJson.of(init));
    }
    return Collections.unmodifiableSortedMap(parts);
  }

  /** SHA-256 of the canonical stored document ({@link ManifestFormat#format}). */
  public Hash digest() {
    return Jcs.sha256(ManifestFormat.canonicalText(this));
  }

  /** The manifest digest and one digest per part. */
  public ManifestDigests digests() {
    TreeMap<EntryKey, Hash> perPart = new TreeMap<>();
    parts().forEach((k, v) -> perPart.put(k, v.sha256()));
    return new ManifestDigests(digest(), perPart);
  }
}
