package dev.toolseal.verifier.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The {@code x-mcp-header} annotations of a tool's {@code inputSchema} (MCP 2026-07-28,
 * Streamable HTTP, "Custom Headers from Tool Parameters"): a client mirrors the annotated
 * argument into an {@code Mcp-Param-<name>} request header, and must drop a tool whose
 * annotations break the rules. ToolSeal treats such a tool like one whose schema refers outside
 * itself (docs/design/eras.md, section 8): never signed, never relayed. An annotation must be a
 * non-empty HTTP token (RFC 9110 {@code tchar}s only, so no CR, LF or other control character),
 * unique among the schema's annotations ignoring case, on a property of type {@code string},
 * {@code integer} or {@code boolean}, reached from the root through {@code properties} steps
 * only. Pure; the walk is iterative and bounded by the document's size.
 */
final class HeaderAnnotations {
  static final String KEYWORD = "x-mcp-header";
  private static final Set<String> TYPES = Set.of("string", "integer", "boolean");
  /** Keywords whose value is data, never a schema. */
  private static final Set<String> DATA = Set.of("enum", "const", "default", "examples");
  /** Keywords whose value maps names to schemas. */
  private static final Set<String> MAPS = Set.of("properties", "patternProperties", "$defs",
      "definitions", "dependentSchemas", "dependencies");
  private static final String TCHARS = "!#$%&'*+-.^_`|~";

  private HeaderAnnotations() {}

  /**
   * A schema object to look at, its pointer, and whether it is a property reached from the
   * root through {@code properties} steps alone (the root itself is not a property).
   */
  private record At(JsonNode schema, String pointer, boolean reachable) {}

  /** Every broken annotation of {@code inputSchema}, its pointers under {@code base}. */
  static List<SchemaRefs.LeavingRef> problems(JsonNode inputSchema, String base) {
    List<SchemaRefs.LeavingRef> out = new ArrayList<>();
    Map<String, String> names = new HashMap<>(); // lower-cased name to the first pointer
    Deque<At> todo = new ArrayDeque<>();
    todo.push(new At(inputSchema, base, false));
    boolean root = true;
    while (!todo.isEmpty()) {
      At at = todo.pop();
      boolean fromRoot = root;
      root = false;
      if (!at.schema().isObject()) {
        continue;
      }
      for (Map.Entry<String, JsonNode> member : at.schema().properties()) {
        String key = member.getKey();
        JsonNode value = member.getValue();
        String pointer = at.pointer() + "/" + Pointers.escape(key);
        if (key.equals(KEYWORD)) {
          check(at, value, pointer, names, out);
        } else if (MAPS.contains(key) && value.isObject()) {
          for (Map.Entry<String, JsonNode> e : value.properties()) {
            todo.push(new At(e.getValue(), pointer + "/" + Pointers.escape(e.getKey()),
                (fromRoot || at.reachable()) && key.equals("properties")));
          }
        } else if (value.isArray() && !DATA.contains(key)) {
          for (int i = 0; i < value.size(); i++) {
            todo.push(new At(value.get(i), pointer + "/" + i, false));
          }
        } else if (value.isObject() && !DATA.contains(key)) {
          todo.push(new At(value, pointer, false));
        }
      }
    }
    out.sort((a, b) -> a.pointer().compareTo(b.pointer()));
    return out;
  }

  private static void check(At at, JsonNode value, String pointer, Map<String, String> names,
      List<SchemaRefs.LeavingRef> out) {
    String why = null;
    if (!value.isTextual() || value.textValue().isEmpty() || !token(value.textValue())) {
      why = "is not an HTTP token";
    } else if (!at.reachable()) {
      why = "is not on a property reached through properties alone";
    } else if (!(at.schema().path("type").isTextual()
        && TYPES.contains(at.schema().path("type").textValue()))) {
      why = "is on a property whose type is not string, integer or boolean";
    } else if (names.putIfAbsent(value.textValue().toLowerCase(Locale.ROOT), pointer) != null) {
      why = "names the same header as another annotation";
    }
    if (why != null) {
      out.add(new SchemaRefs.LeavingRef(pointer, SchemaRefs.Problem.HEADER_ANNOTATION,
          KEYWORD + " " + why));
    }
  }

  private static boolean token(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c < 0x80 && (Character.isLetterOrDigit(c) || TCHARS.indexOf(c) >= 0);
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}
