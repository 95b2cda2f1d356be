package dev.toolseal.verifier.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Finds every {@code $ref} / {@code $dynamicRef} in a tool's {@code inputSchema} and {@code
 * outputSchema} whose target is not inside that same schema document (docs/design/eras.md,
 * section 5). Such a reference lets the effective schema change while the signed definition stays
 * byte-identical, so a tool with one is refused when recorded and when verified. It also applies
 * the composition bounds of {@link ManifestLimits}: no reference cycle that never steps into part
 * of the instance, at most {@link ManifestLimits#maxRefChain()} reference hops in a row at one
 * instance location, at most {@link ManifestLimits#maxSubschemas()} schemas walked per document
 * and applied at one instance location.
 *
 * <p>Pure: no IO, no network, nothing resolved outside the given tree. Each schema document is
 * walked iteratively under a node budget, and a document that is too big or too deep to walk is
 * itself reported (fail closed).
 */
public final class SchemaRefs {
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

  /**
   * Keywords whose schema value applies to the same instance as the schema holding them (in
   * place), so a cycle of references through them never ends. Every other applicator ({@code
   * properties}, {@code patternProperties}, {@code additionalProperties}, {@code
   * unevaluatedProperties}, {@code propertyNames}, {@code items}, {@code prefixItems}, {@code
   * additionalItems}, {@code unevaluatedItems}, {@code contains}, {@code contentSchema}) applies to
   * a strictly smaller value: a member, an element, a name or the decoded content.
   */
  private static final List<String> IN_PLACE_ONE = List.of("not", "if", "then", "else");
  /** In-place keywords whose value is an array of schemas. */
  private static final List<String> IN_PLACE_ARRAY = List.of("allOf", "anyOf", "oneOf");
  /** In-place keywords whose value maps property names to schemas for the whole object. */
  private static final List<String> IN_PLACE_MAP = List.of("dependentSchemas", "dependencies");

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
    /**
     * The schema document is too large or too deep to walk, or applies too many schemas to one
     * instance location once its references are followed.
     */
    TOO_LARGE,
    /** More {@code $ref} / {@code $dynamicRef} hops at one instance location than allowed. */
    REF_CHAIN_TOO_LONG,
    /** References that lead back to where they started without consuming part of the instance. */
    REF_CYCLE,
    /**
     * An {@code x-mcp-header} annotation that breaks the rules a client must drop the tool for
     * ({@link HeaderAnnotations}): the tool's definition is invalid.
     */
    HEADER_ANNOTATION
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
    return of(manifest, ManifestLimits.DEFAULT);
  }

  /**
   * Every refused reference of every tool of {@code manifest} under the schema bounds of {@code
   * limits}; tools without one are absent.
   */
  public static SortedMap<EntryKey, List<LeavingRef>> of(ToolManifest manifest,
      ManifestLimits limits) {
    TreeMap<EntryKey, List<LeavingRef>> found = new TreeMap<>();
    for (Map.Entry<EntryKey, CanonicalJson> e : manifest.entries().entrySet()) {
      if (e.getKey().kind() != EntryKind.TOOL) {
        continue;
      }
      List<LeavingRef> refs = ofTool(e.getValue().view(), limits);
      if (!refs.isEmpty()) {
        found.put(e.getKey(), refs);
      }
    }
    return found;
  }

  /** Every refused reference of one tool entry (a {@code tools/list} element). */
  public static List<LeavingRef> ofTool(JsonNode tool) {
    return ofTool(tool, ManifestLimits.DEFAULT);
  }

  /**
   * Every refused reference of one tool entry under the schema bounds of {@code limits}: per
   * schema document, first what the walk and the references themselves break, in document order,
   * then each cycle, then too many schemas at one location, then a chain that is too long.
   */
  public static List<LeavingRef> ofTool(JsonNode tool, ManifestLimits limits) {
    Objects.requireNonNull(limits, "limits");
    List<LeavingRef> out = new ArrayList<>();
    if (tool == null || !tool.isObject()) {
      return out;
    }
    for (String member : SCHEMA_MEMBERS) {
      JsonNode schema = tool.get(member);
      if (schema != null) {
        String other = member.equals("inputSchema") ? "outputSchema" : "inputSchema";
        new Walk(schema, "/" + member, tool.get(other), limits, out).run();
      }
    }
    JsonNode input = tool.get("inputSchema");
    if (input != null && out.stream().noneMatch(r -> r.problem() == Problem.TOO_LARGE)) {
      out.addAll(HeaderAnnotations.problems(input, "/inputSchema"));
    }
    return out;
  }

  /**
   * Every refused reference of one schema that stands alone (for example the {@code
   * requestedSchema} of an elicitation), its pointers under {@code base}, with the default
   * bounds.
   */
  public static List<LeavingRef> ofSchema(JsonNode schema, String base) {
    List<LeavingRef> out = new ArrayList<>();
    new Walk(schema, base, null, ManifestLimits.DEFAULT, out).run();
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
    requireContained(manifest, ManifestLimits.DEFAULT);
  }

  /** {@link #requireContained(ToolManifest)} under the schema bounds of {@code limits}. */
  public static void requireContained(ToolManifest manifest, ManifestLimits limits)
      throws ManifestException {
    SortedMap<EntryKey, List<LeavingRef>> found = of(manifest, limits);
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
    /** A reference to judge: where it is, its text, its keyword and the object that holds it. */
    private record Ref(String pointer, String value, String keyword, int owner) {}

    /** The anchors value of a name that more than one schema object defines. */
    private static final int AMBIGUOUS = -1;

    private final JsonNode root;
    private final String base;
    private final JsonNode sibling;
    private final ManifestLimits limits;
    private final List<LeavingRef> out;
    /** Anchor name to the number of the object defining it, or {@link #AMBIGUOUS}. */
    private final Map<String, Integer> anchors = new HashMap<>();
    /** Every string reference, in document order. */
    private final List<Ref> refs = new ArrayList<>();
    /** Node numbers: every object of the document (by walk pointer), then booleans referred to. */
    private final Map<String, Integer> nodes = new HashMap<>();
    /** Free edges (in-place applicators): from node {@code inPlaceFrom[i]} to pointer i. */
    private final List<Integer> inPlaceFrom = new ArrayList<>();
    private final List<String> inPlaceTo = new ArrayList<>();
    private String rootId;

    Walk(JsonNode root, String base, JsonNode sibling, ManifestLimits limits,
        List<LeavingRef> out) {
      this.root = root;
      this.base = base;
      this.sibling = sibling;
      this.limits = limits;
      this.out = out;
    }

    void run() {
      if (!collect()) {
        return;
      }
      int[] targets = new int[refs.size()];
      for (int i = 0; i < refs.size(); i++) {
        targets[i] = judge(refs.get(i));
      }
      new Graph(targets).cyclesAndChains();
    }

    /** Collects anchors, references and nodes; false (after reporting) when over the budget. */
    private boolean collect() {
      record Item(JsonNode node, String pointer, boolean nameMap, int depth) {}
      ArrayList<Item> stack = new ArrayList<>();
      stack.add(new Item(root, "", false, 0));
      int walked = 0;
      int max = limits.maxSubschemas();
      while (!stack.isEmpty()) {
        Item it = stack.remove(stack.size() - 1);
        JsonNode node = it.node();
        if (!node.isContainerNode()) {
          continue;
        }
        if (++walked > max || it.depth() > MAX_DEPTH) {
          out.add(new LeavingRef(base + it.pointer(), Problem.TOO_LARGE, "the schema is larger"
              + " than " + max + " values or deeper than " + MAX_DEPTH));
          return false;
        }
        if (node.isArray()) {
          for (int i = node.size() - 1; i >= 0; i--) {
            stack.add(new Item(node.get(i), it.pointer() + "/" + i, false, it.depth() + 1));
          }
          continue;
        }
        int id = nodes.size();
        nodes.put(it.pointer(), id);
        List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
        String[] pointers = new String[members.size()];
        for (int i = 0; i < members.size(); i++) { // document order
          String key = members.get(i).getKey();
          JsonNode value = members.get(i).getValue();
          pointers[i] = it.pointer() + "/" + Pointers.escape(key);
          if (!it.nameMap() || isRefKeyword(key) && !value.isContainerNode()) {
            // in a name map only a string reference is judged: a pointer can make it a schema
            keyword(key, value, pointers[i], id);
          }
          // in place even in a name map, for a pointer can make that map a schema
          inPlace(id, key, value, pointers[i]);
        }
        for (int i = members.size() - 1; i >= 0; i--) {
          String key = members.get(i).getKey();
          JsonNode value = members.get(i).getValue();
          boolean childIsNameMap = !it.nameMap() && NAME_MAPS.contains(key) && value.isObject();
          stack.add(new Item(value, pointers[i], childIsNameMap, it.depth() + 1));
        }
      }
      return true;
    }

    private static boolean isRefKeyword(String key) {
      return key.equals("$ref") || key.equals("$dynamicRef");
    }

    /** Records the in-place edges from the object numbered {@code from} through member key. */
    private void inPlace(int from, String key, JsonNode value, String pointer) {
      if (IN_PLACE_ONE.contains(key) && value.isObject()) {
        inPlaceFrom.add(from);
        inPlaceTo.add(pointer);
      } else if (IN_PLACE_ARRAY.contains(key) && value.isArray()) {
        for (int i = 0; i < value.size(); i++) {
          if (value.get(i).isObject()) {
            inPlaceFrom.add(from);
            inPlaceTo.add(pointer + "/" + i);
          }
        }
      } else if (IN_PLACE_MAP.contains(key) && value.isObject()) {
        for (Map.Entry<String, JsonNode> m : value.properties()) {
          if (m.getValue().isObject()) {
            inPlaceFrom.add(from);
            inPlaceTo.add(pointer + "/" + Pointers.escape(m.getKey()));
          }
        }
      }
    }

    private void keyword(String key, JsonNode value, String pointer, int owner) {
      switch (key) {
        case "$ref", "$dynamicRef" -> {
          if (value.isTextual()) {
            refs.add(new Ref(pointer, value.textValue(), key, owner));
          } else {
            report(pointer, Problem.MALFORMED, key + " is not a string");
          }
        }
        case "$anchor", "$dynamicAnchor" -> {
          if (value.isTextual()) {
            anchors.merge(value.textValue(), owner, (a, b) -> a.equals(b) ? a : AMBIGUOUS);
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

    /** The node the reference resolves to, or -1 when it is refused (after reporting it). */
    private int judge(Ref r) {
      String pointer = r.pointer();
      String ref = r.value();
      String keyword = r.keyword();
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
        return -1;
      }
      String decoded = percentDecode(fragment);
      if (decoded == null) {
        report(pointer, Problem.MALFORMED, keyword + " has a bad percent-encoding: " + ref);
        return -1;
      }
      if (decoded.isEmpty() || decoded.startsWith("/")) {
        String target = resolve(root, decoded);
        if (target != null) {
          // every object has a number; a boolean referred to gets one now, with no edges
          return nodes.computeIfAbsent(target, k -> nodes.size());
        }
        Problem p = sibling != null && !decoded.isEmpty() && schemaAt(sibling, decoded)
            ? Problem.CROSS_SCHEMA : Problem.UNRESOLVED_POINTER;
        report(pointer, p, keyword + " does not resolve in its own schema: " + ref);
        return -1;
      }
      Integer anchor = anchors.get(decoded);
      if (anchor == null) {
        report(pointer, Problem.UNKNOWN_ANCHOR, keyword + " names no anchor of its own schema: "
            + ref);
        return -1;
      }
      if (anchor == AMBIGUOUS) {
        report(pointer, Problem.MALFORMED, keyword + " names an anchor that more than one schema"
            + " object defines: " + ref);
        return -1;
      }
      return anchor;
    }

    private void report(String pointer, Problem problem, String detail) {
      out.add(new LeavingRef(base + pointer, problem, detail));
    }

    /**
     * The graph of one document: a node per schema object, an edge for every reference from the
     * object that holds it to the one it resolves to (one hop), and an edge from an object to each
     * subschema it applies in place (no hop). Finds its cycles and its longest chain of hops with
     * one iterative pass of Tarjan's strongly connected components algorithm, linear in nodes and
     * edges; on the way, counts the schemas applied in place from each node (references followed,
     * so a diamond of references counts every path).
     */
    private final class Graph {
      private final int size = nodes.size();
      private final int[] from;
      private final int[] to;
      /** The reference of each hop (index into refs), or -1 for a free edge (allOf, not, ...). */
      private final int[] ref;
      /** Out-edges of node v: edges[first[v]] up to edges[first[v + 1]]. */
      private final int[] first = new int[size + 1];
      private final int[] edges;

      Graph(int[] targets) {
        int count = inPlaceFrom.size();
        for (int t : targets) {
          count += t >= 0 ? 1 : 0;
        }
        from = new int[count];
        to = new int[count];
        ref = new int[count];
        int e = 0;
        for (int i = 0; i < inPlaceFrom.size(); i++) {
          from[e] = inPlaceFrom.get(i);
          to[e] = nodes.get(inPlaceTo.get(i)); // every object was walked, so numbered
          ref[e++] = -1;
        }
        for (int i = 0; i < targets.length; i++) {
          if (targets[i] >= 0) {
            from[e] = refs.get(i).owner();
            to[e] = targets[i];
            ref[e++] = i;
          }
        }
        for (int f : from) {
          first[f + 1]++;
        }
        for (int v = 0; v < size; v++) {
          first[v + 1] += first[v];
        }
        edges = new int[count];
        int[] fill = Arrays.copyOf(first, size);
        for (int i = 0; i < count; i++) {
          edges[fill[from[i]]++] = i;
        }
      }

      void cyclesAndChains() {
        int[] index = new int[size];
        Arrays.fill(index, -1);
        int[] low = new int[size];
        int[] component = new int[size];
        Arrays.fill(component, -1);
        int[] hops = new int[size]; // most hops from this node, cycles left out
        long cap = limits.maxSubschemas() + 1L;
        long[] applied = new long[size]; // schemas applied in place from this node, up to cap
        long most = 0;
        int mostAt = -1;
        boolean[] cyclic = new boolean[size];
        int[] stack = new int[size];
        boolean[] onStack = new boolean[size];
        int[] callNode = new int[size];
        int[] callNext = new int[size];
        List<Integer> cycles = new ArrayList<>();
        int counter = 0;
        int components = 0;
        int longest = 0;
        int longestRef = -1;
        int sp = 0;
        for (int s = 0; s < size; s++) {
          if (index[s] >= 0) {
            continue;
          }
          int cp = 0;
          index[s] = low[s] = counter++;
          stack[sp++] = s;
          onStack[s] = true;
          callNode[cp] = s;
          callNext[cp++] = first[s];
          while (cp > 0) {
            int v = callNode[cp - 1];
            if (callNext[cp - 1] < first[v + 1]) {
              int w = to[edges[callNext[cp - 1]++]];
              if (index[w] < 0) {
                index[w] = low[w] = counter++;
                stack[sp++] = w;
                onStack[w] = true;
                callNode[cp] = w;
                callNext[cp++] = first[w];
              } else if (onStack[w]) {
                low[v] = Math.min(low[v], index[w]);
              }
              continue;
            }
            cp--;
            if (cp > 0) {
              int u = callNode[cp - 1];
              low[u] = Math.min(low[u], low[v]);
            }
            if (low[v] != index[v]) {
              continue;
            }
            // v roots a component; every node it reaches outside it is settled already
            int c = components++;
            int top = sp;
            int w;
            do {
              w = stack[--sp];
              onStack[w] = false;
              component[w] = c;
            } while (w != v);
            int firstRef = Integer.MAX_VALUE;
            boolean loop = top - sp > 1;
            for (int k = sp; k < top; k++) {
              for (int i = first[stack[k]]; i < first[stack[k] + 1]; i++) {
                int e = edges[i];
                if (component[to[e]] == c) {
                  loop = true;
                  if (ref[e] >= 0) {
                    firstRef = Math.min(firstRef, ref[e]);
                  }
                }
              }
            }
            if (loop) {
              for (int k = sp; k < top; k++) {
                cyclic[stack[k]] = true;
              }
              cycles.add(firstRef); // a tree has no cycle: every cycle has a reference
              continue;
            }
            applied[v] = 1;
            for (int i = first[v]; i < first[v + 1]; i++) {
              int e = edges[i];
              applied[v] = Math.min(cap, applied[v] + (cyclic[to[e]] ? 0 : applied[to[e]]));
              int len = (ref[e] >= 0 ? 1 : 0) + (cyclic[to[e]] ? 0 : hops[to[e]]);
              hops[v] = Math.max(hops[v], len);
              if (ref[e] >= 0 && (len > longest || len == longest && ref[e] < longestRef)) {
                longest = len;
                longestRef = ref[e];
              }
            }
            if (applied[v] > most || applied[v] == most && v < mostAt) {
              most = applied[v];
              mostAt = v;
            }
          }
        }
        cycles.sort(null);
        for (int r : cycles) {
          Ref at = refs.get(r);
          report(at.pointer(), Problem.REF_CYCLE, at.keyword() + " " + at.value() + " leads back"
              + " to where it started through references and in-place subschemas only (allOf,"
              + " anyOf, oneOf, not, if, then, else, dependentSchemas), never into a part of the"
              + " instance, so applying it never ends");
        }
        if (most > limits.maxSubschemas()) {
          String at = null;
          for (Map.Entry<String, Integer> n : nodes.entrySet()) {
            at = n.getValue() == mostAt ? n.getKey() : at;
          }
          report(at, Problem.TOO_LARGE, "following its references and in-place subschemas"
              + " applies more than " + limits.maxSubschemas() + " schemas to one instance"
              + " location");
        }
        if (longest > limits.maxRefChain()) {
          Ref at = refs.get(longestRef);
          report(at.pointer(), Problem.REF_CHAIN_TOO_LONG, "following " + at.keyword() + " "
              + at.value() + " applies " + longest + " references in a row to the same instance"
              + " location; at most " + limits.maxRefChain());
        }
      }
    }
  }

  /** Whether {@code pointer} (decoded, RFC 6901) resolves in {@code doc} to a schema. */
  static boolean schemaAt(JsonNode doc, String pointer) {
    return resolve(doc, pointer) != null;
  }

  /**
   * Where {@code pointer} (decoded, RFC 6901) leads in {@code doc} when it is a schema (an object
   * or a boolean), as the pointer the walk gives that value (each token escaped again, so {@code
   * #/%24defs/a~1b} becomes {@code /$defs/a~1b}); null otherwise.
   */
  static String resolve(JsonNode doc, String pointer) {
    JsonNode node = doc;
    StringBuilder canonical = new StringBuilder();
    if (!pointer.isEmpty()) {
      for (String raw : pointer.substring(1).split("/", -1)) {
        String token = unescape(raw);
        if (token == null) {
          return null;
        }
        if (node.isObject()) {
          node = node.get(token);
        } else if (node.isArray() && token.matches("0|[1-9][0-9]{0,8}")) {
          node = node.get(Integer.parseInt(token));
        } else {
          return null;
        }
        if (node == null) {
          return null;
        }
        canonical.append('/').append(Pointers.escape(token));
      }
    }
    return node.isObject() || node.isBoolean() ? canonical.toString() : null;
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
