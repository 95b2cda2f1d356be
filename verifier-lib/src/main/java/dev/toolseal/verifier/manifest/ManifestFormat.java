package dev.toolseal.verifier.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.manifest.ManifestException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The stored form of a {@link ToolManifest} (docs/design/manifest.md): one JSON object with
 * {@code manifestVersion}, {@code server}, {@code clientCapabilities}, the server's own answer,
 * and the four entry arrays {@code tools}, {@code prompts}, {@code resources}, {@code
 * resourceTemplates}. A legacy-era manifest is a v1 document and its answer is {@code
 * initialize}; a modern-era manifest is a v2 document with {@code era} ({@code "modern"}), {@code
 * protocolVersion}, {@code discover} and, when the server named itself, {@code serverInfo}
 * (docs/design/eras.md, section 2).
 * {@link #format} writes its RFC 8785 canonical bytes, with each array sorted by entry identity;
 * {@link #parse} reads any formatting and any array order back, strictly.
 */
public final class ManifestFormat {
  private static final String SOURCE = "manifest";
  private static final Set<String> MEMBERS =
      Set.of("manifestVersion", "server", "clientCapabilities", "initialize", "tools", "prompts",
          "resources", "resourceTemplates");
  private static final Set<String> MEMBERS_2 =
      Set.of("manifestVersion", "era", "server", "clientCapabilities", "protocolVersion",
          "discover", "serverInfo", "tools", "prompts", "resources", "resourceTemplates");

  private final ManifestLimits limits;
  private final StrictJson json;

  public ManifestFormat(ManifestLimits limits) {
    this.limits = limits;
    this.json = new StrictJson(limits);
  }

  /** A format with {@link ManifestLimits#DEFAULT}. */
  public ManifestFormat() {
    this(ManifestLimits.DEFAULT);
  }

  /** The canonical UTF-8 bytes of the stored document; its SHA-256 is the manifest digest. */
  public static byte[] format(ToolManifest m) {
    return canonicalText(m).getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The canonical text of {@link #document}. JCS is structural (an object is its members sorted
   * by name, each value in its own canonical form) and every part of a manifest is held in
   * canonical form already, so the document is assembled from those texts instead of being
   * canonicalized again; {@code ManifestCompositionTest} checks it equals JCS of the tree.
   */
  static String canonicalText(ToolManifest m) {
    Map<EntryKind, List<CanonicalJson>> arrays = new EnumMap<>(EntryKind.class);
    for (EntryKind kind : EntryKind.values()) {
      if (kind.isListKind()) {
        arrays.put(kind, m.entries(kind));
      }
    }
    return documentText(m.server(), m.clientCapabilities(), m.side(), arrays);
  }

  /**
   * The canonical text of a stored document with these parts, each array in the order given. JCS
   * is structural, so this is JCS of any document tree with these members whose parts have these
   * canonical texts.
   */
  private static String documentText(ServerRef server, CanonicalJson client,
      ToolManifest.ServerSide side, Map<EntryKind, List<CanonicalJson>> arrays) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    TreeMap<String, String> members = new TreeMap<>();
    ObjectNode serverNode = f.objectNode();
    serverNode.put("name", server.name());
    serverNode.put("version", server.version());
    members.put("server", Jcs.canonical(serverNode));
    members.put("clientCapabilities", client.text());
    int size = 256;
    if (side instanceof ToolManifest.Modern modern) {
      members.put("manifestVersion", Jcs.canonical(f.textNode(ToolManifest.VERSION_2)));
      members.put("era", Jcs.canonical(f.textNode(Era.MODERN.wireName())));
      members.put("protocolVersion", Jcs.canonical(f.textNode(modern.protocolVersion())));
      members.put("discover", modern.discover().text());
      size += modern.discover().text().length();
      if (modern.serverInfo() != null) {
        members.put("serverInfo", modern.serverInfo().text());
        size += modern.serverInfo().text().length();
      }
    } else {
      ToolManifest.Legacy legacy = (ToolManifest.Legacy) side;
      members.put("manifestVersion", Jcs.canonical(f.textNode(ToolManifest.VERSION)));
      members.put("initialize", legacy.initialize().text());
      size += legacy.initialize().text().length();
    }
    for (Map.Entry<EntryKind, List<CanonicalJson>> kind : arrays.entrySet()) {
      StringJoiner array = new StringJoiner(",", "[", "]");
      for (CanonicalJson e : kind.getValue()) {
        array.add(e.text());
        size += e.text().length() + 1;
      }
      members.put(kind.getKey().arrayName().orElseThrow(), array.toString());
    }
    StringBuilder out = new StringBuilder(size);
    out.append('{');
    for (Map.Entry<String, String> member : members.entrySet()) {
      if (out.length() > 1) {
        out.append(',');
      }
      out.append(Jcs.canonical(f.textNode(member.getKey()))).append(':')
          .append(member.getValue());
    }
    return out.append('}').toString();
  }

  /** The stored document as a tree. */
  static ObjectNode document(ToolManifest m) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode doc = f.objectNode();
    doc.put("manifestVersion", m.manifestVersion());
    ObjectNode server = doc.putObject("server");
    server.put("name", m.server().name());
    server.put("version", m.server().version());
    doc.set("clientCapabilities", m.clientCapabilities().tree());
    if (m.side() instanceof ToolManifest.Modern modern) {
      doc.put("era", Era.MODERN.wireName());
      doc.put("protocolVersion", modern.protocolVersion());
      doc.set("discover", modern.discover().tree());
      if (modern.serverInfo() != null) {
        doc.set("serverInfo", modern.serverInfo().tree());
      }
    } else {
      doc.set("initialize", m.initialize().tree());
    }
    for (EntryKind kind : EntryKind.values()) {
      if (kind.isListKind()) {
        ArrayNode array = doc.putArray(kind.arrayName().orElseThrow());
        m.entries(kind).forEach(e -> array.add(e.tree()));
      }
    }
    return doc;
  }

  /** Reads a stored manifest document. */
  public ToolManifest parse(byte[] utf8) throws ManifestException {
    return read(json.parse(utf8, SOURCE), new EnumMap<>(EntryKind.class));
  }

  /**
   * Reads a stored manifest document that is already a tree, e.g. the predicate of a release
   * statement, with the same checks as {@link #parse(byte[])} except those only bytes allow:
   * UTF-8 validity, grammar and duplicate member names must have been enforced when the tree
   * was read (the library's strict reader does), and the size limit applies to the canonical
   * form of the manifest instead of to the bytes it was read from. The tree is only read: it is
   * neither modified nor kept.
   */
  public ToolManifest parse(JsonNode tree) throws ManifestException {
    return parseWithText(tree).manifest();
  }

  /**
   * A manifest read from a JSON tree, and the RFC 8785 canonical text of that tree itself (its
   * arrays in the tree's order, so it differs from {@link #format} when they are not in entry
   * order).
   *
   * @param manifest the manifest
   * @param treeText JCS of the tree that was read
   */
  public record TreeRead(ToolManifest manifest, String treeText) {}

  /**
   * {@link #parse(JsonNode)}, also giving JCS of the tree, assembled from the canonical texts of
   * its parts instead of canonicalizing the tree a second time ({@code ManifestTreeParseTest}
   * checks it equals JCS of the tree).
   */
  public TreeRead parseWithText(JsonNode tree) throws ManifestException {
    json.checkTree(tree, SOURCE);
    Map<EntryKind, List<CanonicalJson>> arrays = new EnumMap<>(EntryKind.class);
    ToolManifest m = read(tree, arrays);
    String text = documentText(m.server(), m.clientCapabilities(), m.side(), arrays);
    // a char is 1 to 3 UTF-8 bytes (a surrogate pair 4 for 2 chars): count only when it matters
    long size = 3L * text.length() <= limits.maxBytes() ? 0 : utf8Length(text);
    if (size > limits.maxBytes()) {
      throw new ManifestException(Reason.TOO_LARGE, SOURCE, "",
          size + " canonical bytes, limit " + limits.maxBytes());
    }
    return new TreeRead(m, text);
  }

  /**
   * Whether {@code canonicalText} is exactly the canonical text of {@code m}'s stored document,
   * {@link #format}; then its SHA-256 is {@link ToolManifest#digest()}. A manifest JSON tree read
   * by {@link #parse(JsonNode)} is its manifest's stored document when its arrays are in entry
   * order, as {@link #format} writes them.
   */
  public static boolean isStoredForm(ToolManifest m, String canonicalText) {
    return canonicalText(m).equals(canonicalText);
  }

  /** The length of {@code s} in UTF-8, without encoding it; a lone surrogate counts as '?'. */
  static long utf8Length(String s) {
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length()
          && Character.isLowSurrogate(s.charAt(i + 1))) {
        n += 4;
        i++;
      } else {
        n += Character.isSurrogate(c) ? 1 : 3;
      }
    }
    return n;
  }

  /** Reads a document; {@code arrays} receives each entry array's parts in document order. */
  private ToolManifest read(JsonNode doc, Map<EntryKind, List<CanonicalJson>> arrays)
      throws ManifestException {
    EntryCollector.requireObject(doc, SOURCE, "");
    JsonNode version = EntryCollector.requireMember(doc, "manifestVersion", SOURCE, "");
    boolean v2 = version.isTextual() && version.textValue().equals(ToolManifest.VERSION_2);
    if (!v2 && !(version.isTextual() && version.textValue().equals(ToolManifest.VERSION))) {
      throw new ManifestException(Reason.UNSUPPORTED_VERSION, SOURCE, "/manifestVersion",
          "expected " + ToolManifest.VERSION + " or " + ToolManifest.VERSION_2);
    }
    for (Map.Entry<String, JsonNode> member : doc.properties()) {
      if (!(v2 ? MEMBERS_2 : MEMBERS).contains(member.getKey())) {
        throw new ManifestException(Reason.UNKNOWN_FIELD, SOURCE,
            "/" + Pointers.escape(member.getKey()),
            "not a manifest " + (v2 ? "v2" : "v1") + " member");
      }
    }
    ServerRef server = server(EntryCollector.requireMember(doc, "server", SOURCE, ""));
    JsonNode client = EntryCollector.requireMember(doc, "clientCapabilities", SOURCE, "");
    EntryCollector.requireObject(client, SOURCE, "/clientCapabilities");
    ToolManifest.ServerSide side = v2 ? modernSide(doc) : legacySide(doc);
    EntryCollector entries = new EntryCollector(limits);
    for (EntryKind kind : EntryKind.values()) {
      if (kind.isListKind()) {
        String array = kind.arrayName().orElseThrow();
        arrays.put(kind, entries.addArray(
            kind, EntryCollector.requireMember(doc, array, SOURCE, ""), SOURCE, "/" + array));
      }
    }
    return new ToolManifest(server, CanonicalJson.of(client), side, entries.entries());
  }

  private static ToolManifest.ServerSide legacySide(JsonNode doc) throws ManifestException {
    JsonNode init = EntryCollector.requireMember(doc, "initialize", SOURCE, "");
    EntryCollector.checkInitialize(init, SOURCE, "/initialize");
    return new ToolManifest.Legacy(CanonicalJson.of(init));
  }

  /** A v2 document's server side; v2 holds modern-era manifests only (legacy ones are v1). */
  private static ToolManifest.ServerSide modernSide(JsonNode doc) throws ManifestException {
    JsonNode era = EntryCollector.requireMember(doc, "era", SOURCE, "");
    if (!era.isTextual() || !era.textValue().equals(Era.MODERN.wireName())) {
      throw new ManifestException(Reason.UNSUPPORTED_VERSION, SOURCE, "/era",
          "a v2 manifest is of the modern era; legacy-era manifests are stored as v1");
    }
    JsonNode version = EntryCollector.requireMember(doc, "protocolVersion", SOURCE, "");
    if (!version.isTextual() || version.textValue().isEmpty()) {
      throw new ManifestException(Reason.WRONG_TYPE, SOURCE, "/protocolVersion",
          "expected a non-empty string");
    }
    JsonNode discover = EntryCollector.requireMember(doc, "discover", SOURCE, "");
    EntryCollector.checkDiscover(discover, SOURCE, "/discover");
    JsonNode info = doc.get("serverInfo");
    if (info != null) {
      EntryCollector.requireObject(info, SOURCE, "/serverInfo");
    }
    return new ToolManifest.Modern(version.textValue(), CanonicalJson.of(discover),
        info == null ? null : CanonicalJson.of(info));
  }

  private static ServerRef server(JsonNode node) throws ManifestException {
    EntryCollector.requireObject(node, SOURCE, "/server");
    for (Map.Entry<String, JsonNode> member : node.properties()) {
      String name = member.getKey();
      if (!name.equals("name") && !name.equals("version")) {
        throw new ManifestException(Reason.UNKNOWN_FIELD, SOURCE,
            "/server/" + Pointers.escape(name), "not a server member");
      }
      if (!member.getValue().isTextual() || member.getValue().textValue().isEmpty()) {
        throw new ManifestException(Reason.WRONG_TYPE, SOURCE,
            "/server/" + name, "expected a non-empty string");
      }
    }
    String name = EntryCollector.requireMember(node, "name", SOURCE, "/server").textValue();
    String version = EntryCollector.requireMember(node, "version", SOURCE, "/server").textValue();
    return new ServerRef(name, version);
  }
}
