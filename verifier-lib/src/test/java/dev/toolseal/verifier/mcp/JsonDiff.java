package dev.toolseal.verifier.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Test helper: the places where two snapshots differ, as paths like
 * {@code tools[add]/inputSchema/required} (entries keyed by name, uri or uriTemplate; member
 * names escaped as in JSON Pointer; arrays compared whole). Order of entries and of members
 * does not count. The real manifest diff lives in the manifest package.
 */
final class JsonDiff {
    private JsonDiff() {
    }

    static Set<String> between(RawSnapshot a, RawSnapshot b) {
        Set<String> paths = new TreeSet<>();
        diff("initialize", a.initializeResult(), b.initializeResult(), paths);
        for (ListKind kind : ListKind.values()) {
            if (a.has(kind) != b.has(kind)) {
                paths.add(kind.itemsField());
                continue;
            }
            Map<String, JsonNode> left = byKey(a, kind);
            Map<String, JsonNode> right = byKey(b, kind);
            Set<String> keys = new TreeSet<>(left.keySet());
            keys.addAll(right.keySet());
            for (String key : keys) {
                diff(kind.itemsField() + "[" + key + "]", left.get(key), right.get(key), paths);
            }
        }
        return paths;
    }

    private static Map<String, JsonNode> byKey(RawSnapshot snapshot, ListKind kind) {
        Map<String, JsonNode> entries = new LinkedHashMap<>();
        for (JsonNode entry : snapshot.entries(kind)) {
            String key = switch (kind) {
                case TOOLS, PROMPTS -> entry.path("name").asText();
                case RESOURCES -> entry.path("uri").asText();
                case RESOURCE_TEMPLATES -> entry.path("uriTemplate").asText();
            };
            if (entries.put(key, entry) != null) {
                throw new AssertionError("duplicate " + kind + " entry " + key);
            }
        }
        return entries;
    }

    private static void diff(String path, JsonNode a, JsonNode b, Set<String> paths) {
        if (a != null && b != null && a.isObject() && b.isObject()) {
            Set<String> names = new TreeSet<>();
            a.fieldNames().forEachRemaining(names::add);
            b.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                diff(path + "/" + name.replace("~", "~0").replace("/", "~1"), a.get(name), b.get(name), paths);
            }
        } else if (a == null || !a.equals(b)) {
            paths.add(path);
        }
    }
}
