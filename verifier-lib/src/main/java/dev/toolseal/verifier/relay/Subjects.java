package dev.toolseal.verifier.relay;

import dev.toolseal.verifier.gate.GateReason;
import dev.toolseal.verifier.gate.RequestEntry;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.EntryKind;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.mcp.ListKind;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Which manifest entry a client request uses, and whether the verdict allows it. */
final class Subjects {
  private Subjects() {}

  /**
   * The entry {@code m} uses: {@code null} when its method touches no entry (it is relayed
   * under any verdict that does not reject the server), empty when the method needs one but its
   * params do not name it.
   */
  static Optional<EntryKey> of(RpcMessage m) {
    String method = m.method().orElse("");
    return RequestEntry.usesEntry(method) ? RequestEntry.of(method, m.params()) : null;
  }

  /**
   * Whether {@code key} may be used. A resource URI that no listed resource has (one a template
   * produces) is allowed only when the server has templates and none of them is hidden.
   */
  static boolean allowed(GuardVerdict v, EntryKey key) {
    if (v.allows(key) || key.kind() != EntryKind.RESOURCE || v.rejectsServer()) {
      return v.allows(key);
    }
    boolean listed = v.manifest().map(m -> m.parts().containsKey(key)).orElse(true);
    List<EntryKey> templates = v.manifest().map(m -> m.parts().keySet().stream()
        .filter(k -> k.kind() == EntryKind.RESOURCE_TEMPLATE).toList()).orElse(List.of());
    return !listed && !templates.isEmpty() && templates.stream().allMatch(v::allows);
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
