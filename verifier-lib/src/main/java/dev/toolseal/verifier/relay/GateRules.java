package dev.toolseal.verifier.relay;

import dev.toolseal.verifier.gate.Decision;
import dev.toolseal.verifier.gate.GateReason;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.manifest.VisibleText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The rules the guard enforces on any verifier, the same as verifier-lib's gate
 * (docs/design/gate.md): a partial acceptance must accept every fixed part of the live manifest
 * and give no reason about a fixed part or the whole server, otherwise the server is rejected.
 * Changed instructions can steer every tool, so they are never quarantined.
 */
final class GateRules {
  private GateRules() {}

  static Decision enforce(Decision decision, ToolManifest live) {
    if (!(decision instanceof Decision.AcceptOnly only)) {
      return decision;
    }
    List<GateReason> broken = new ArrayList<>();
    for (GateReason reason : only.reasons()) {
      if (reason.key().map(key -> !key.kind().isListKind()).orElse(true)) {
        broken.add(new GateReason(reason.key(), GateReason.Kind.GATE_RULE, List.of(),
            Optional.empty(), "a change to a fixed part or the whole server cannot be"
                + " quarantined: " + reason.text()));
      }
    }
    for (EntryKey key : live.parts().keySet()) {
      if (!key.kind().isListKind() && !only.accepted().contains(key)) {
        broken.add(new GateReason(Optional.of(key), GateReason.Kind.GATE_RULE, List.of(),
            Optional.empty(), VisibleText.of(key + " is not accepted, so no part of the server"
                + " is")));
      }
    }
    if (broken.isEmpty()) {
      return decision;
    }
    List<GateReason> all = new ArrayList<>(only.reasons());
    all.addAll(broken);
    return new Decision.RejectServer(all);
  }
}
