package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.gate.GateReason;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.EntryKind;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.mcp.ListKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** Which manifest entry a client request uses, and whether the verdict allows it. */
final class Subjects {
  private Subjects() {}

  private static final Set<String> USING_AN_ENTRY = Set.of("tools/call", "prompts/get",
      "resources/read", "resources/subscribe", "resources/unsubscribe", "completion/complete");

  /**
   * The entry {@code m} uses, read from its params exactly as they go out: {@code null} when its
   * method touches no entry (it is relayed under any verdict that does not reject the server),
   * empty when the method needs one but its params do not name it as a string (it is refused).
   * {@code tools/call} uses {@code tool:<name>}, {@code prompts/get} {@code prompt:<name>},
   * {@code resources/read|subscribe|unsubscribe} {@code resource:<uri>}, {@code
   * completion/complete} the prompt or resource template its {@code ref} names.
   */
  static Optional<EntryKey> of(RpcMessage m) {
    String method = m.method().orElse("");
    if (!USING_AN_ENTRY.contains(method)) {
      return null;
    }
    JsonNode p = m.params();
    return switch (method) {
      case "tools/call" -> key(EntryKind.TOOL, p.path("name"));
      case "prompts/get" -> key(EntryKind.PROMPT, p.path("name"));
      case "completion/complete" -> switch (p.path("ref").path("type").asText()) {
        case "ref/prompt" -> key(EntryKind.PROMPT, p.path("ref").path("name"));
        case "ref/resource" -> key(EntryKind.RESOURCE_TEMPLATE, p.path("ref").path("uri"));
        default -> Optional.empty();
      };
      default -> key(EntryKind.RESOURCE, p.path("uri")); // resources/read|subscribe|unsubscribe
    };
  }

  private static Optional<EntryKey> key(EntryKind kind, JsonNode id) {
    return id.isTextual() ? Optional.of(new EntryKey(kind, id.textValue())) : Optional.empty();
  }

  /**
   * Whether {@code key} may be used. A resource URI that no live resource has may be read when
   * a resource template can produce it ({@link UriTemplates}) and every template that can is
   * accepted (the server, not the gate, picks which one serves it); a listed resource that is not
   * accepted stays refused whatever a template says.
   */
  static boolean allowed(GuardVerdict v, EntryKey key) {
    if (v.allows(key) || key.kind() != EntryKind.RESOURCE || v.rejectsServer()) {
      return v.allows(key);
    }
    boolean listed = v.manifest().map(m -> m.parts().containsKey(key)).orElse(true);
    List<EntryKey> producing = v.manifest().map(m -> m.parts().keySet().stream()
        .filter(k -> k.kind() == EntryKind.RESOURCE_TEMPLATE)
        .filter(k -> UriTemplates.matches(k.id(), key.id())).toList()).orElse(List.of());
    return !listed && !producing.isEmpty() && producing.stream().allMatch(v::allows);
  }

  /** One diagnostic line about a verdict, for stderr. */
  static String summary(String server, GuardVerdict v) {
    String head = VisibleText.of(server) + ": " + AuditLog.decisionName(v.decision())
        + (v.manifestDigest().isEmpty() ? "" : " (manifest sha256 " + v.manifestDigest() + ")");
    if (v.decision().reasons().isEmpty()) {
      return head;
    }
    return head + "\n  " + v.decision().reasons().stream().map(GateReason::text)
        .map(t -> t.replace("\n", "\n  ")).collect(Collectors.joining("\n  "));
  }

  /** Whether {@code m} announces that a list changed. */
  static boolean isListChanged(RpcMessage m) {
    for (ListKind k : ListKind.values()) {
      if (m.is(k.listChangedMethod())) {
        return true;
      }
    }
    return false;
  }
}
