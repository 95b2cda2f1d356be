package dev.toolseal.verifier.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.manifest.ManifestException.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Gathers list entries into the sorted map a {@link ToolManifest} holds, checking each entry's
 * shape, the entry count limit and that no identity occurs twice.
 */
final class EntryCollector {
  private final ManifestLimits limits;
  private final TreeMap<EntryKey, CanonicalJson> entries = new TreeMap<>();

  EntryCollector(ManifestLimits limits) {
    this.limits = limits;
  }

  /**
   * Adds every element of the array at {@code pointer} (which must be an array) as a kind entry;
   * returns them in array order.
   */
  List<CanonicalJson> addArray(EntryKind kind, JsonNode array, String source, String pointer)
      throws ManifestException {
    if (!array.isArray()) {
      throw new ManifestException(Reason.WRONG_TYPE, source, pointer, "expected an array");
    }
    List<CanonicalJson> added = new ArrayList<>(array.size());
    for (int i = 0; i < array.size(); i++) {
      added.add(add(kind, array.get(i), source, pointer + "/" + i));
    }
    return added;
  }

  private CanonicalJson add(EntryKind kind, JsonNode entry, String source, String pointer)
      throws ManifestException {
    if (entries.size() >= limits.maxEntries()) {
      throw new ManifestException(
          Reason.TOO_MANY_ENTRIES, source, pointer, "limit " + limits.maxEntries());
    }
    if (!entry.isObject()) {
      throw new ManifestException(Reason.WRONG_TYPE, source, pointer, "an entry must be an object");
    }
    String member = kind.idMember().orElseThrow();
    JsonNode id = entry.get(member);
    if (id == null) {
      throw new ManifestException(
          Reason.MISSING_FIELD, source, pointer + "/" + member, "entry has no " + member);
    }
    if (!id.isTextual()) {
      throw new ManifestException(
          Reason.WRONG_TYPE, source, pointer + "/" + member, member + " must be a string");
    }
    EntryKey key = new EntryKey(kind, id.textValue());
    if (entries.containsKey(key)) {
      throw new DuplicateEntryException(key, source, pointer);
    }
    CanonicalJson value = CanonicalJson.ofEntry(entry, member);
    entries.put(key, value);
    return value;
  }

  SortedMap<EntryKey, CanonicalJson> entries() {
    return Collections.unmodifiableSortedMap(entries);
  }

  /** Checks the members a {@link ToolManifest} requires of an {@code initialize} result. */
  static void checkInitialize(JsonNode init, String source, String pointer)
      throws ManifestException {
    requireObject(init, source, pointer);
    if (!requireMember(init, "protocolVersion", source, pointer).isTextual()) {
      throw wrongType(source, pointer + "/protocolVersion");
    }
    requireObject(requireMember(init, "serverInfo", source, pointer), source,
        pointer + "/serverInfo");
    requireObject(requireMember(init, "capabilities", source, pointer), source,
        pointer + "/capabilities");
    if (init.has("instructions") && !init.get("instructions").isTextual()) {
      throw wrongType(source, pointer + "/instructions");
    }
  }

  /**
   * A stored (stripped) modern discover result: {@code supportedVersions} an array of strings,
   * {@code capabilities} an object, {@code instructions} a string if present; and none of the
   * members a manifest does not keep.
   */
  static void checkDiscover(JsonNode discover, String source, String pointer)
      throws ManifestException {
    requireObject(discover, source, pointer);
    JsonNode versions = requireMember(discover, "supportedVersions", source, pointer);
    if (!versions.isArray() || versions.isEmpty()) {
      throw new ManifestException(Reason.WRONG_TYPE, source, pointer + "/supportedVersions",
          "expected a non-empty array of strings");
    }
    for (int i = 0; i < versions.size(); i++) {
      if (!versions.get(i).isTextual()) {
        throw wrongType(source, pointer + "/supportedVersions/" + i);
      }
    }
    requireObject(requireMember(discover, "capabilities", source, pointer), source,
        pointer + "/capabilities");
    if (discover.has("instructions") && !discover.get("instructions").isTextual()) {
      throw wrongType(source, pointer + "/instructions");
    }
    for (String dropped : ManifestAssembler.DROPPED_FROM_DISCOVER) {
      if (discover.has(dropped)) {
        throw new ManifestException(Reason.UNKNOWN_FIELD, source, pointer + "/" + dropped,
            "not kept in a manifest");
      }
    }
    if (discover.path("_meta").has(ManifestAssembler.SERVER_INFO_META)) {
      throw new ManifestException(Reason.UNKNOWN_FIELD, source, pointer + "/_meta/"
          + Pointers.escape(ManifestAssembler.SERVER_INFO_META), "kept as serverInfo");
    }
  }

  static JsonNode requireMember(JsonNode object, String member, String source, String pointer)
      throws ManifestException {
    JsonNode value = object.get(member);
    if (value == null) {
      throw new ManifestException(
          Reason.MISSING_FIELD, source, pointer + "/" + member, "required member absent");
    }
    return value;
  }

  static void requireObject(JsonNode node, String source, String pointer)
      throws ManifestException {
    if (!node.isObject()) {
      throw new ManifestException(Reason.WRONG_TYPE, source, pointer, "expected an object");
    }
  }

  private static ManifestException wrongType(String source, String pointer) {
    return new ManifestException(Reason.WRONG_TYPE, source, pointer, "expected a string");
  }
}
