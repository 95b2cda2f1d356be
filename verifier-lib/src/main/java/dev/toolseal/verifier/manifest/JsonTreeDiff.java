package dev.toolseal.verifier.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The places where two JSON trees differ, as RFC 6901 pointers: object members are compared by
 * name (in sorted order), array elements by index, and any other difference is reported at the
 * deepest pointer where both sides still have a value of the same container type.
 */
final class JsonTreeDiff {
  private JsonTreeDiff() {}

  static List<ValueChange> between(JsonNode before, JsonNode after) {
    List<ValueChange> out = new ArrayList<>();
    walk("", before, after, out);
    return out;
  }

  private static void walk(String pointer, JsonNode a, JsonNode b, List<ValueChange> out) {
    if (a.equals(b)) {
      return;
    }
    if (a.isObject() && b.isObject()) {
      TreeSet<String> names = new TreeSet<>();
      a.fieldNames().forEachRemaining(names::add);
      b.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String child = pointer + "/" + Pointers.escape(name);
        visit(child, a.get(name), b.get(name), out);
      }
    } else if (a.isArray() && b.isArray()) {
      for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
        visit(pointer + "/" + i, a.get(i), b.get(i), out);
      }
    } else {
      out.add(new ValueChange(pointer, Optional.of(CanonicalJson.of(a)),
          Optional.of(CanonicalJson.of(b))));
    }
  }

  private static void visit(String pointer, JsonNode a, JsonNode b, List<ValueChange> out) {
    if (a == null) {
      out.add(new ValueChange(pointer, Optional.empty(), Optional.of(CanonicalJson.of(b))));
    } else if (b == null) {
      out.add(new ValueChange(pointer, Optional.of(CanonicalJson.of(a)), Optional.empty()));
    } else {
      walk(pointer, a, b, out);
    }
  }
}
