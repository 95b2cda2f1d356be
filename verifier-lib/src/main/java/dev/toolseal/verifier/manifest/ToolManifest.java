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
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A tool manifest: everything an MCP server told a client, as raw JSON. Built from a live server
 * by {@link ManifestAssembler} or read back from its stored document by {@link ManifestFormat};
 * compared part by part by {@link ManifestDiff}. A legacy-era server (docs/design/eras.md) is
 * described by its {@code initialize} result and stored as a v1 document, exactly as before
 * manifests knew eras, so a legacy server re-recorded today has the digest it was signed with; a
 * modern-era server is described by its {@code server/discover} result and stored as v2.
 *
 * @param server the release this manifest describes
 * @param clientCapabilities the capabilities object the recording client sent
 * @param side what the server said about itself, in its era
 * @param entries every list entry, keyed by its {@link EntryKey}; sorted, unmodifiable
 */
public record ToolManifest(
    ServerRef server,
    CanonicalJson clientCapabilities,
    ServerSide side,
    SortedMap<EntryKey, CanonicalJson> entries) {
  /** The value of {@code manifestVersion} of a stored legacy-era manifest. */
  public static final String VERSION = "toolseal.dev/manifest/v1";
  /** The value of {@code manifestVersion} of a stored modern-era manifest. */
  public static final String VERSION_2 = "toolseal.dev/manifest/v2";

  /** What a server said about itself: its {@code initialize} or {@code server/discover} answer. */
  public sealed interface ServerSide permits Legacy, Modern {
    /** The era of this side. */
    Era era();
  }

  /**
   * A legacy server's side.
   *
   * @param initialize the raw {@code initialize} result object (protocolVersion, capabilities,
   *     serverInfo, optional instructions, and any other members)
   */
  public record Legacy(CanonicalJson initialize) implements ServerSide {
    public Legacy {
      Objects.requireNonNull(initialize, "initialize");
      JsonNode init = initialize.view();
      if (!init.isObject()
          || !init.path("protocolVersion").isTextual()
          || !init.path("serverInfo").isObject()
          || !init.path("capabilities").isObject()
          || (init.has("instructions") && !init.get("instructions").isTextual())) {
        throw new IllegalArgumentException("not an MCP initialize result");
      }
    }

    @Override
    public Era era() {
      return Era.LEGACY;
    }
  }

  /**
   * A modern server's side (docs/design/eras.md, sections 2 and 3).
   *
   * @param protocolVersion the version the client sent on every request, which the server accepted
   * @param discover the {@code server/discover} result without its freshness hints and
   *     per-request members ({@code resultType}, {@code ttlMs}, {@code cacheScope}) and without
   *     {@code _meta}'s server identity: {@code supportedVersions}, {@code capabilities}, optional
   *     {@code instructions}, and any other members
   * @param serverInfo the server identity the results' {@code _meta} carried, or {@code null}
   *     when the server sent none
   */
  public record Modern(String protocolVersion, CanonicalJson discover, CanonicalJson serverInfo)
      implements ServerSide {
    public Modern {
      Objects.requireNonNull(protocolVersion, "protocolVersion");
      Objects.requireNonNull(discover, "discover");
      JsonNode d = discover.view();
      if (protocolVersion.isEmpty()
          || !d.isObject()
          || !d.path("supportedVersions").isArray()
          || !d.path("capabilities").isObject()
          || (d.has("instructions") && !d.get("instructions").isTextual())
          || ManifestAssembler.DROPPED_FROM_DISCOVER.stream().anyMatch(d::has)
          || d.path("_meta").has(ManifestAssembler.SERVER_INFO_META)) {
        throw new IllegalArgumentException("not a recorded MCP server/discover result");
      }
      if (serverInfo != null && !serverInfo.isObject()) {
        throw new IllegalArgumentException("server info must be an object");
      }
    }

    @Override
    public Era era() {
      return Era.MODERN;
    }
  }

  /** A legacy-era manifest. */
  public ToolManifest(ServerRef server, CanonicalJson clientCapabilities, CanonicalJson initialize,
      SortedMap<EntryKey, CanonicalJson> entries) {
    this(server, clientCapabilities, new Legacy(initialize), entries);
  }

  public ToolManifest {
    Objects.requireNonNull(server, "server");
    Objects.requireNonNull(clientCapabilities, "clientCapabilities");
    Objects.requireNonNull(side, "side");
    if (!clientCapabilities.isObject()) {
      throw new IllegalArgumentException("client capabilities must be an object");
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

  /** The server's protocol era. */
  public Era era() {
    return side.era();
  }

  /** The {@code manifestVersion} of the stored document: v1 for legacy, v2 for modern. */
  public String manifestVersion() {
    return era() == Era.LEGACY ? VERSION : VERSION_2;
  }

  /** The raw {@code initialize} result of a legacy-era manifest. */
  public CanonicalJson initialize() {
    if (side instanceof Legacy legacy) {
      return legacy.initialize();
    }
    throw new IllegalStateException("a modern-era manifest has no initialize result");
  }

  /** The protocol version the manifest was recorded at. */
  public String protocolVersion() {
    return side instanceof Modern m
        ? m.protocolVersion() : initialize().member("protocolVersion").textValue();
  }

  /** The server identity ({@code name}, {@code version}, ...), if the server sent one. */
  public Optional<JsonNode> serverInfo() {
    return side instanceof Modern m
        ? Optional.ofNullable(m.serverInfo()).map(CanonicalJson::tree)
        : Optional.of(initialize().tree().get("serverInfo"));
  }

  /** The capabilities the server declared. */
  public JsonNode capabilities() {
    return serverObject().get("capabilities");
  }

  /** The server's instructions, if any. */
  public Optional<String> instructions() {
    return Optional.ofNullable(serverObject().get("instructions")).map(JsonNode::textValue);
  }

  private JsonNode serverObject() {
    return side instanceof Modern m ? m.discover().tree() : initialize().tree();
  }

  /** The entries of one list kind, in key order. */
  public List<CanonicalJson> entries(EntryKind kind) {
    return entries.entrySet().stream()
        .filter(e -> e.getKey().kind() == kind)
        .map(Map.Entry::getValue)
        .toList();
  }

  /**
   * Every digested part: the fixed parts followed by every list entry. Together they determine
   * the whole document, so equal parts mean an equal manifest digest. Fixed parts: {@code
   * release:server}, {@code client:capabilities}, {@code server:protocolVersion}, {@code
   * server:capabilities}, and when present {@code server:info}, {@code server:instructions} and
   * {@code server:extra} (the other members of the initialize or discover result); a modern
   * manifest adds {@code server:era} and {@code server:supportedVersions}, so no modern manifest
   * has the parts of a legacy one.
   */
  public SortedMap<EntryKey, CanonicalJson> parts() {
    TreeMap<EntryKey, CanonicalJson> parts = new TreeMap<>(entries);
    ObjectNode release = JsonNodeFactory.instance.objectNode();
    release.put("name", server.name());
    release.put("version", server.version());
    parts.put(EntryKey.RELEASE_SERVER, CanonicalJson.of(release));
    parts.put(EntryKey.CLIENT_CAPABILITIES, clientCapabilities);
    ObjectNode rest;
    if (side instanceof Legacy l) {
      rest = (ObjectNode) l.initialize().tree();
      parts.put(EntryKey.SERVER_PROTOCOL_VERSION, CanonicalJson.of(rest.remove("protocolVersion")));
      parts.put(EntryKey.SERVER_INFO, CanonicalJson.of(rest.remove("serverInfo")));
    } else {
      Modern m = (Modern) side;
      rest = (ObjectNode) m.discover().tree();
      parts.put(EntryKey.SERVER_ERA, CanonicalJson.of(
          JsonNodeFactory.instance.textNode(Era.MODERN.wireName())));
      parts.put(EntryKey.SERVER_PROTOCOL_VERSION,
          CanonicalJson.of(JsonNodeFactory.instance.textNode(m.protocolVersion())));
      if (m.serverInfo() != null) {
        parts.put(EntryKey.SERVER_INFO, m.serverInfo());
      }
      parts.put(EntryKey.SERVER_SUPPORTED_VERSIONS,
          CanonicalJson.of(rest.remove("supportedVersions")));
    }
    parts.put(EntryKey.SERVER_CAPABILITIES, CanonicalJson.of(rest.remove("capabilities")));
    JsonNode instructions = rest.remove("instructions");
    if (instructions != null) {
      parts.put(EntryKey.SERVER_INSTRUCTIONS, CanonicalJson.of(instructions));
    }
    if (!rest.isEmpty()) {
      parts.put(EntryKey.SERVER_EXTRA, CanonicalJson.of(rest));
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
