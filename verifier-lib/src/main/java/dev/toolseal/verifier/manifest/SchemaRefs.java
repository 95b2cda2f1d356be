package dev.toolseal.verifier.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Finds every {@code $ref} / {@code $dynamicRef} in a tool's {@code inputSchema} and {@code
 * outputSchema} whose target is not inside that same schema document (docs/design/eras.md,
 * section 5). Such a reference lets the effective schema change while the signed definition stays
 * byte-identical, so a tool with one is refused when recorded and when verified.
 *
 * <p>Pure: no IO, no network, nothing resolved outside the given tree. Each schema document is
 * walked iteratively under a node budget, and a document that is too big or too deep to walk is
 * itself reported (fail closed).
 */
public final class SchemaRefs {
  /** Schema objects and arrays walked in one schema document before giving up. */
  public static final int MAX_NODES = 10_000;
  /** Nesting depth walked in one schema document before giving up. */
  public static final int MAX_DEPTH = 128;

  /** The tool members that hold a schema document each. */
  static final List<String> SCHEMA_MEMBERS = List.of("inputSchema", "outputSchema");

  private static final String DRAFT_2020_12 = "https://json-schema.org/draft/2020-12/schema";
  private static final List<String> DIALECTS = List.of(DRAFT_2020_12,
      DRAFT_2020_12 + "#", "http://json-schema.org/draft-07/schema",
      "http://json-schema.org/draft-07/schema#");

  /** Keywords whose object value maps names (not keywords) to subschemas. */
  private static final List<String> NAME_MAPS = List.of("properties", "patternProperties", "$defs",
      "definitions", "dependentSchemas", "dependencies");

  /** Why a reference (or the document around it) is refused. */
  public enum Problem {
    /** A URI with a scheme, an authority or a path: another document. */
    EXTERNAL,
    /** A JSON pointer fragment that does not resolve to a schema in this document. */
    UNRESOLVED_POINTER,
    /** A plain-name fragment that no {@code $anchor} / {@code $dynamicAnchor} here defines. */
    UNKNOWN_ANCHOR,
    /** Points into the tool's other schema (inputSchema to outputSchema or the reverse). */
    CROSS_SCHEMA,
    /** An {@code $id} below the root, or a root {@code $id} that is not a plain absolute URI. */
    NESTED_ID,
    /** A {@code $schema} naming a dialect that is not 2020-12 or draft-07, or one below root. */
    UNKNOWN_DIALECT,
    /** A reference keyword whose value is not a string, or a malformed URI reference. */
    MALFORMED,
    /** The schema document is too large or too deep to walk. */
    TOO_LARGE,
    /** More {@code $ref} / {@code $dynamicRef} hops at one instance location than allowed. */
    REF_CHAIN_TOO_LONG,
    /** References that lead back to where they started without consuming part of the instance. */
    REF_CYCLE
  }

  /**
   * One refused reference.
   *
   * @param pointer RFC 6901 pointer into the tool entry, e.g. {@code /inputSchema/properties/a/$ref}
   * @param problem why it is refused
   * @param detail a short explanation for people; may quote the reference (make it visible
   *     before showing it)
   */
  public record LeavingRef(String pointer, Problem problem, String detail) {
    public LeavingRef {
      Objects.requireNonNull(pointer, "pointer");
      Objects.requireNonNull(problem, "problem");
      Objects.requireNonNull(detail, "detail");
    }
  }

  private SchemaRefs() {}

  /** Every refused reference of every tool of {@code manifest}; tools without one are absent. */
  public static SortedMap<EntryKey, List<LeavingRef>> of(ToolManifest manifest) {
    TreeMap<EntryKey, List<LeavingRef>> found = new TreeMap<>();
    for (Map.Entry<EntryKey, CanonicalJson> e : manifest.entries().entrySet()) {
      if (e.getKey().kind() != EntryKind.TOOL) {
        continue;
      }
      List<LeavingRef> refs = ofTool(e.getValue().view());
      if (!refs.isEmpty()) {
        found.put(e.getKey(), refs);
      }
    }
    return found;
  }

  /** Every refused reference of one tool entry (a {@code tools/list} element), in walk order. */
  public static List<LeavingRef> ofTool(JsonNode tool) {
    List<LeavingRef> out = new ArrayList<>();
    if (tool == null || !tool.isObject()) {
      return out;
    }
    for (String member : SCHEMA_MEMBERS) {
      JsonNode schema = tool.get(member);
      if (schema != null) {
        String other = member.equals("inputSchema") ? "outputSchema" : "inputSchema";
        new Walk(schema, "/" + member, tool.get(other), out).run();
      }
    }
    return out;
  }

  /**
   * Refuses {@code manifest} if any of its tools has a reference that leaves its schema: the
   * check run before a manifest is written or signed.
   *
   * @throws ManifestException with {@link ManifestException.Reason#SCHEMA_REF_LEAVES}, naming the
   *     first such tool and the pointer of its first such reference
   */
  public static void requireContained(ToolManifest manifest) throws ManifestException {
    SortedMap<EntryKey, List<LeavingRef>> found = of(manifest);
    if (found.isEmpty()) {
      return;
    }
    EntryKey tool = found.firstKey();
    LeavingRef first = found.get(tool).get(0);
    int total = found.values().stream().mapToInt(List::size).sum();
    throw new ManifestException(ManifestException.Reason.SCHEMA_REF_LEAVES, tool.toString(),
        first.pointer(), first.problem() + ": " + first.detail() + " (" + total
            + " refused reference(s) in " + found.size() + " tool(s))");
  }

  /** One walk over one schema document. */
  private static final class Walk {
    private final JsonNode root;
    private final String base;
    private final JsonNode sibling;
    private final List<LeavingRef> out;
    private final List<String> anchors = new ArrayList<>();
    private final List<String[]> refs = new ArrayList<>(); // {pointer, value, keyword}
    private String rootId;

    Walk(JsonNode root, String base, JsonNode sibling, List<LeavingRef> out) {
      this.root = root;
      this.base = base;
      this.sibling = sibling;
      this.out = out;
    }

    void run() {
      if (!collect()) {
        return;
      }
      for (String[] r : refs) {
        judge(r[0], r[1], r[2]);
      }
    }

    /** Collects anchors and references; false (after reporting) when the budget ran out. */
    private boolean collect() {
      record Item(JsonNode node, String pointer, boolean nameMap, int depth) {}
      ArrayList<Item> stack = new ArrayList<>();
      stack.add(new Item(root, "", false, 0));
      int nodes = 0;
      while (!stack.isEmpty()) {
        Item it = stack.remove(stack.size() - 1);
        JsonNode node = it.node();
        if (!node.isContainerNode()) {
          continue;
        }
        if (++nodes > MAX_NODES || it.depth() > MAX_DEPTH) {
          out.add(new LeavingRef(base + it.pointer(), Problem.TOO_LARGE, "the schema is larger"
              + " than " + MAX_NODES + " values or deeper than " + MAX_DEPTH));
          return false;
        }
        if (node.isArray()) {
          for (int i = node.size() - 1; i >= 0; i--) {
            stack.add(new Item(node.get(i), it.pointer() + "/" + i, false, it.depth() + 1));
          }
          continue;
        }
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
        members.addAll(node.properties());
        for (int i = members.size() - 1; i >= 0; i--) {
          String key = members.get(i).getKey();
          JsonNode value = members.get(i).getValue();
          String pointer = it.pointer() + "/" + Pointers.escape(key);
          if (it.nameMap()) {
            if (isRefKeyword(key) && !value.isContainerNode()) {
              keyword(key, value, pointer); // a name map read as a schema: judged all the same
            }
          } else {
            keyword(key, value, pointer);
          }
          boolean childIsNameMap = !it.nameMap() && NAME_MAPS.contains(key) && value.isObject();
          stack.add(new Item(value, pointer, childIsNameMap, it.depth() + 1));
        }
      }
      return true;
    }

    private static boolean isRefKeyword(String key) {
      return key.equals("$ref") || key.equals("$dynamicRef");
    }

    private void keyword(String key, JsonNode value, String pointer) {
      switch (key) {
        case "$ref", "$dynamicRef" -> {
          if (value.isTextual()) {
            refs.add(new String[] {pointer, value.textValue(), key});
          } else {
            report(pointer, Problem.MALFORMED, key + " is not a string");
          }
        }
        case "$anchor", "$dynamicAnchor" -> {
          if (value.isTextual()) {
            anchors.add(value.textValue());
          }
        }
        case "$id" -> {
          if (!pointer.equals("/$id")) {
            report(pointer, Problem.NESTED_ID, "an $id below the root changes the base URI");
          } else if (!value.isTextual() || !plainAbsolute(value.textValue())) {
            report(pointer, Problem.NESTED_ID, "the root $id is not an absolute URI without a"
                + " fragment");
          } else {
            rootId = stripEmptyFragment(value.textValue());
          }
        }
        case "$recursiveRef", "$recursiveAnchor" -> report(pointer, Problem.UNKNOWN_DIALECT,
            key + " is a draft 2019-09 keyword whose target depends on the dynamic scope");
        case "$schema" -> {
          if (!pointer.equals("/$schema")) {
            report(pointer, Problem.UNKNOWN_DIALECT, "a $schema below the root");
          } else if (!value.isTextual() || !DIALECTS.contains(value.textValue())) {
            report(pointer, Problem.UNKNOWN_DIALECT, "only JSON Schema 2020-12 and draft-07 are"
                + " walked");
          }
        }
        default -> { }
      }
    }

    private void judge(String pointer, String ref, String keyword) {
      String fragment;
      if (ref.isEmpty()) {
        fragment = "";
      } else if (ref.startsWith("#")) {
        fragment = ref.substring(1);
      } else if (rootId != null && (ref.equals(rootId) || ref.startsWith(rootId + "#"))) {
        fragment = ref.length() == rootId.length() ? "" : ref.substring(rootId.length() + 1);
      } else {
        Problem p = sibling != null && sibling.isObject() && sibling.path("$id").isTextual()
            && ref.startsWith(stripEmptyFragment(sibling.path("$id").textValue()))
            ? Problem.CROSS_SCHEMA : Problem.EXTERNAL;
        report(pointer, p, keyword + " names another document: " + ref);
        return;
      }
      String decoded = percentDecode(fragment);
      if (decoded == null) {
        report(pointer, Problem.MALFORMED, keyword + " has a bad percent-encoding: " + ref);
        return;
      }
      if (decoded.isEmpty() || decoded.startsWith("/")) {
        if (schemaAt(root, decoded)) {
          return;
        }
        Problem p = sibling != null && !decoded.isEmpty() && schemaAt(sibling, decoded)
            ? Problem.CROSS_SCHEMA : Problem.UNRESOLVED_POINTER;
        report(pointer, p, keyword + " does not resolve in its own schema: " + ref);
      } else if (!anchors.contains(decoded)) {
        report(pointer, Problem.UNKNOWN_ANCHOR, keyword + " names no anchor of its own schema: "
            + ref);
      }
    }

    private void report(String pointer, Problem problem, String detail) {
      out.add(new LeavingRef(base + pointer, problem, detail));
    }
  }

  /** Whether {@code pointer} (decoded, RFC 6901) resolves in {@code doc} to a schema. */
  static boolean schemaAt(JsonNode doc, String pointer) {
    JsonNode node = doc;
    if (!pointer.isEmpty()) {
      for (String raw : pointer.substring(1).split("/", -1)) {
        String token = unescape(raw);
        if (token == null) {
          return false;
        }
        if (node.isObject()) {
          node = node.get(token);
        } else if (node.isArray() && token.matches("0|[1-9][0-9]{0,8}")) {
          node = node.get(Integer.parseInt(token));
        } else {
          return false;
        }
        if (node == null) {
          return false;
        }
      }
    }
    return node.isObject() || node.isBoolean();
  }

  /** Undoes RFC 6901 escaping ({@code ~1} then {@code ~0}); null for a bad escape. */
  static String unescape(String token) {
    StringBuilder sb = new StringBuilder(token.length());
    for (int i = 0; i < token.length(); i++) {
      char c = token.charAt(i);
      if (c != '~') {
        sb.append(c);
      } else if (i + 1 < token.length() && (token.charAt(i + 1) == '0'
          || token.charAt(i + 1) == '1')) {
        sb.append(token.charAt(++i) == '0' ? '~' : '/');
      } else {
        return null;
      }
    }
    return sb.toString();
  }

  /** Decodes %XX sequences as UTF-8; null when malformed. */
  static String percentDecode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    for (int i = 0; i < s.length(); ) {
      char c = s.charAt(i);
      if (c == '%') {
        if (i + 2 >= s.length()) {
          return null;
        }
        int hi = Character.digit(s.charAt(i + 1), 16);
        int lo = Character.digit(s.charAt(i + 2), 16);
        if (hi < 0 || lo < 0) {
          return null;
        }
        bytes.write(hi * 16 + lo);
        i += 3;
      } else {
        int cp = s.codePointAt(i);
        byte[] b = new String(Character.toChars(cp)).getBytes(
            StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
        i += Character.charCount(cp);
      }
    }
    try {
      return StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** An absolute URI (scheme, no fragment other than an empty one), no whitespace. */
  private static boolean plainAbsolute(String id) {
    String s = stripEmptyFragment(id);
    return s.matches("[A-Za-z][A-Za-z0-9+.-]*:[^#\\s]+");
  }

  private static String stripEmptyFragment(String id) {
    return id.endsWith("#") ? id.substring(0, id.length() - 1) : id;
  }
}
