package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.gate.Decision;
import dev.toolseal.verifier.gate.GateReason;
import dev.toolseal.verifier.gate.Verdict;
import dev.toolseal.verifier.manifest.CanonicalJson;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.EntryKind;
import dev.toolseal.verifier.manifest.Era;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.mcp.ListKind;
import dev.toolseal.verifier.mcp.RawSnapshot;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The decision in force and what it lets through, tied to the snapshot that was judged: the
 * lists the client sees are served from that very snapshot, so what the client sees is what was
 * verified.
 *
 * @param decision the decision after the gate's rules ({@link Verdict#enforce})
 * @param manifest the judged live manifest (empty when recording or assembly failed)
 * @param snapshot the recorded lists (empty likewise)
 * @param allowed the live parts that may be used
 */
record GuardVerdict(Decision decision, Optional<ToolManifest> manifest,
    Optional<RawSnapshot> snapshot, Set<EntryKey> allowed) {
  GuardVerdict {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(snapshot, "snapshot");
    allowed = Set.copyOf(allowed);
  }

  /** Nothing may be used, for these reasons. */
  static GuardVerdict rejected(List<GateReason> reasons) {
    return new GuardVerdict(new Decision.RejectServer(reasons), Optional.empty(),
        Optional.empty(), Set.of());
  }

  /** Applies {@code decision} (from any verifier) about {@code live}, recorded as {@code snap}. */
  static GuardVerdict settle(Decision decision, ToolManifest live, RawSnapshot snap) {
    Decision enforced = Verdict.enforce(decision, live);
    Set<EntryKey> allowed = new HashSet<>();
    if (enforced instanceof Decision.AcceptAll) {
      allowed.addAll(live.parts().keySet());
    } else if (enforced instanceof Decision.AcceptOnly only) {
      live.parts().keySet().stream().filter(only.accepted()::contains).forEach(allowed::add);
    }
    return new GuardVerdict(enforced, Optional.of(live), Optional.of(snap), allowed);
  }

  boolean rejectsServer() {
    return decision instanceof Decision.RejectServer;
  }

  boolean allows(EntryKey key) {
    return !rejectsServer() && allowed.contains(key);
  }

  /** The manifest digest in hex, or empty. */
  String manifestDigest() {
    return manifest.map(m -> m.digest().hex()).orElse("");
  }

  /** The digest of one live part in hex, or empty when it is not in the live manifest. */
  String entryDigest(EntryKey key) {
    return manifest.map(m -> m.parts().get(key)).map(CanonicalJson::sha256).map(h -> h.hex())
        .orElse("");
  }

  /**
   * The result of a client's list request, served from the snapshot: every allowed entry of
   * every page, in the server's order, in one page. Empty when the server did not declare the
   * list (the client gets "method not found").
   */
  Optional<ObjectNode> listResult(ListKind kind) {
    return listResult(kind, snapshot.map(sn -> sn.era() == Era.MODERN).orElse(false));
  }

  /** As {@link #listResult(ListKind)}, in the shape of a modern client's answer or not. */
  Optional<ObjectNode> listResult(ListKind kind, boolean modernClient) {
    if (snapshot.isEmpty() || !snapshot.get().has(kind)) {
      return Optional.empty();
    }
    EntryKind entryKind = entryKind(kind);
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    ArrayNode items = result.putArray(kind.itemsField());
    for (JsonNode entry : snapshot.get().entries(kind)) {
      String id = entry.path(entryKind.idMember().orElseThrow()).textValue();
      if (id != null && allows(new EntryKey(entryKind, id))) {
        items.add(entry);
      }
    }
    if (modernClient) {
      modernMembers(result);
    }
    return Optional.of(result);
  }

  /**
   * The guard's answer to a modern client's {@code server/discover}: the verified discover result
   * with {@code supportedVersions} narrowed to the one version the guard relays; empty unless a
   * modern manifest was judged.
   */
  Optional<ObjectNode> discoverResult(String relayedVersion) {
    if (manifest.isEmpty() || !(manifest.get().side() instanceof ToolManifest.Modern m)) {
      return Optional.empty();
    }
    ObjectNode result = (ObjectNode) m.discover().tree();
    result.putArray("supportedVersions").add(relayedVersion);
    modernMembers(result);
    return Optional.of(result);
  }

  /**
   * The guard's answer to a bridged legacy client's {@code initialize} (eras.md, section 7): the
   * version the client asked for, and the capabilities, instructions and identity verified from
   * the modern server ({@code release} names it when it named itself nowhere); empty unless a
   * modern manifest was judged.
   */
  Optional<ObjectNode> bridgedInitializeResult(String clientVersion, ServerRef release) {
    if (manifest.isEmpty() || !(manifest.get().side() instanceof ToolManifest.Modern)) {
      return Optional.empty();
    }
    ToolManifest m = manifest.get();
    ObjectNode result = JsonNodeFactory.instance.objectNode();
    result.put("protocolVersion", clientVersion);
    result.set("capabilities", m.capabilities().deepCopy());
    JsonNode info = m.serverInfo().orElseGet(() -> JsonNodeFactory.instance.objectNode()
        .put("name", release.name()).put("version", release.version()));
    result.set("serverInfo", info.deepCopy());
    m.instructions().ifPresent(i -> result.put("instructions", i));
    return Optional.of(result);
  }

  /**
   * The members a modern result needs that a manifest does not keep: complete, not to be cached
   * (the client asks again and meets the verdict then in force), and the verified identity.
   */
  private void modernMembers(ObjectNode result) {
    result.put("resultType", "complete");
    result.put("ttlMs", 0);
    result.put("cacheScope", "private");
    manifest.flatMap(ToolManifest::serverInfo).ifPresent(info -> {
      JsonNode meta = result.get("_meta");
      (meta instanceof ObjectNode o ? o : result.putObject("_meta"))
          .set(ModernMeta.SERVER_INFO, info);
    });
  }

  /**
   * Whether upstream answer {@code m} names another server in its {@code _meta} than the one
   * verified (a modern result that names none is not judged by this).
   */
  boolean fromAnotherServer(RpcMessage m) {
    JsonNode info = m.tree().path("result").path("_meta").get(ModernMeta.SERVER_INFO);
    if (info == null) {
      return false;
    }
    Optional<JsonNode> verified = manifest.flatMap(ToolManifest::serverInfo);
    return verified.isEmpty() || !verified.get().equals(info); // structural, member order aside
  }

  /** The number of entries of {@code kind} the client does not get. */
  int hidden(ListKind kind) {
    EntryKind entryKind = entryKind(kind);
    return (int) snapshot.map(s -> s.entries(kind).stream()
        .filter(e -> !allows(new EntryKey(entryKind,
            e.path(entryKind.idMember().orElseThrow()).asText()))).count()).orElse(0L)
        .longValue();
  }

  static EntryKind entryKind(ListKind kind) {
    return switch (kind) {
      case TOOLS -> EntryKind.TOOL;
      case PROMPTS -> EntryKind.PROMPT;
      case RESOURCES -> EntryKind.RESOURCE;
      case RESOURCE_TEMPLATES -> EntryKind.RESOURCE_TEMPLATE;
    };
  }
}
