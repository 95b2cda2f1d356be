package dev.toolseal.cli.lint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.cli.lint.TextSite.Form;
import dev.toolseal.cli.lint.TextSite.Role;
import dev.toolseal.verifier.manifest.CanonicalJson;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.EntryKind;
import dev.toolseal.verifier.manifest.Era;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every text of a manifest, in part order: each string value and each object member name of
 * every part (tools, prompts, resources, templates, the initialize or discover result with its
 * instructions, the release identity and the client capabilities), with its pointer into the part
 * and into the stored document ({@code /tools/3/inputSchema/properties/path/description}).
 */
public final class ManifestTexts {
  private ManifestTexts() {}

  /** All texts of {@code manifest}. */
  public static List<TextSite> of(ToolManifest manifest) {
    List<TextSite> out = new ArrayList<>();
    Map<EntryKind, Integer> index = new HashMap<>();
    for (Map.Entry<EntryKey, CanonicalJson> part : manifest.parts().entrySet()) {
      EntryKey key = part.getKey();
      String base;
      if (key.kind().isListKind()) {
        int i = index.merge(key.kind(), 1, Integer::sum) - 1;
        base = "/" + key.kind().arrayName().orElseThrow() + "/" + i;
      } else {
        base = fixedBase(key, manifest.era());
      }
      new Walker(key, base, out).walk(part.getValue().tree(), new ArrayList<>());
    }
    return out;
  }

  private static String fixedBase(EntryKey key, Era era) {
    if (key.equals(EntryKey.RELEASE_SERVER)) {
      return "/server";
    }
    if (key.equals(EntryKey.CLIENT_CAPABILITIES)) {
      return "/clientCapabilities";
    }
    if (era == Era.MODERN) {
      if (key.equals(EntryKey.SERVER_INFO)) {
        return "/serverInfo";
      }
      if (key.equals(EntryKey.SERVER_ERA) || key.equals(EntryKey.SERVER_PROTOCOL_VERSION)) {
        return "/" + key.id(); // top-level members of a v2 document
      }
      // the extra part is the discover result minus the named members
      return key.equals(EntryKey.SERVER_EXTRA) ? "/discover" : "/discover/" + key.id();
    }
    if (key.equals(EntryKey.SERVER_INFO)) {
      return "/initialize/serverInfo";
    }
    if (key.equals(EntryKey.SERVER_EXTRA)) {
      return "/initialize"; // the extra part is the initialize result minus the named members
    }
    return "/initialize/" + key.id(); // protocolVersion, capabilities, instructions
  }

  /** RFC 6901 escaping of one reference token. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }

  private record Walker(EntryKey key, String base, List<TextSite> out) {
    void walk(JsonNode node, List<String> path) {
      if (node.isTextual()) {
        add(path, Form.VALUE, node.textValue());
      } else if (node.isArray()) {
        for (int i = 0; i < node.size(); i++) {
          path.add(Integer.toString(i));
          walk(node.get(i), path);
          path.remove(path.size() - 1);
        }
      } else if (node.isObject()) {
        for (Map.Entry<String, JsonNode> member : node.properties()) {
          path.add(member.getKey());
          add(path, Form.MEMBER_NAME, member.getKey());
          walk(member.getValue(), path);
          path.remove(path.size() - 1);
        }
      }
    }

    private void add(List<String> path, Form form, String text) {
      StringBuilder pointer = new StringBuilder();
      path.forEach(t -> pointer.append('/').append(escape(t)));
      out.add(new TextSite(key, pointer.toString(), base + pointer, form,
          role(path, form), text));
    }

    private Role role(List<String> path, Form form) {
      if (key.kind() == EntryKind.TOOL && !path.isEmpty() && path.get(0).equals("inputSchema")) {
        Role r = schemaRole(path, form);
        if (r != null) {
          return r;
        }
      }
      if (key.kind() == EntryKind.PROMPT && path.size() >= 2 && path.get(0).equals("arguments")) {
        if (path.size() == 3 && path.get(2).equals("name") && form == Form.VALUE) {
          return Role.PARAMETER_NAME;
        }
        return form == Form.MEMBER_NAME ? Role.IDENTIFIER : Role.PARAMETER_TEXT;
      }
      if (form == Form.MEMBER_NAME) {
        return Role.IDENTIFIER;
      }
      if (path.size() == 1 && key.kind().isListKind()
          && (path.get(0).equals("name") || path.get(0).equals(key.kind().idMember().get()))) {
        return Role.IDENTIFIER;
      }
      return Role.TEXT;
    }

    /**
     * Follows JSON Schema keywords from the input schema down the path: the member names of a
     * {@code properties} object are parameter names, and everything below one is parameter
     * text. Null when the path leaves the schema structure before reaching a parameter.
     */
    private static Role schemaRole(List<String> path, Form form) {
      boolean inParameter = false;
      int pos = 1; // path.get(pos) is a keyword of the schema object at path[0..pos)
      while (pos < path.size()) {
        String keyword = path.get(pos);
        int next = switch (keyword) {
          case "properties", "$defs", "definitions", "patternProperties", "anyOf", "oneOf",
              "allOf", "prefixItems", "dependentSchemas" -> pos + 2;
          case "items", "additionalProperties", "not", "contains", "if", "then", "else",
              "propertyNames", "unevaluatedProperties", "unevaluatedItems" -> pos + 1;
          default -> -1;
        };
        if (next < 0) {
          break;
        }
        if (keyword.equals("properties")) {
          if (pos + 2 == path.size() && form == Form.MEMBER_NAME) {
            return Role.PARAMETER_NAME;
          }
          if (pos + 1 < path.size()) {
            inParameter = true;
          }
        }
        pos = next;
      }
      if (!inParameter) {
        return null;
      }
      return form == Form.MEMBER_NAME ? Role.IDENTIFIER : Role.PARAMETER_TEXT;
    }
  }
}
