package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.gate.GateReason;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.mcp.ListKind;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Judges one client request under the verdict in force: relay it to the upstream, or answer it
 * here (a list served from the verified snapshot, or a refusal). Every judged request that
 * names a manifest entry, and every request to a rejected server, is written to the audit log.
 */
final class Admission {
  private Admission() {}

  /** What to do with a request. */
  sealed interface Outcome {
    /** Relay it unchanged. */
    record Forward() implements Outcome {}

    /** Answer it with this response; it never reaches the upstream. */
    record Answer(ObjectNode response) implements Outcome {}
  }

  /**
   * The outcome for {@code m}; a list is answered in the shape of a modern client's answer when
   * {@code modernClient}.
   */
  static Outcome judge(RpcMessage m, GuardVerdict verdict, GuardSettings settings,
      boolean modernClient) {
    RpcId id = m.id().orElseThrow();
    String method = m.method().orElseThrow();
    if (verdict.rejectsServer()) {
      settings.audit().request(method, null, false, verdict, verdict.decision().reasons());
      return new Outcome.Answer(refusal(id, "SERVER_REJECTED", null, verdict, settings));
    }
    Optional<ListKind> list = ListKind.ofMethod(method);
    if (list.isPresent()) {
      JsonNode cursor = m.params().get("cursor");
      Optional<ObjectNode> result = verdict.listResult(list.get(), modernClient);
      if (cursor != null && !cursor.isNull()) {
        return new Outcome.Answer(Responses.error(id, Responses.INVALID_PARAMS,
            "unknown cursor"));
      }
      return new Outcome.Answer(result.map(r -> Responses.result(id, r)).orElseGet(() ->
          Responses.error(id, Responses.METHOD_NOT_FOUND, "Method not found")));
    }
    Optional<EntryKey> subject = Subjects.of(m);
    if (subject == null) { // a method that touches no manifest entry
      return new Outcome.Forward();
    }
    EntryKey key = subject.orElse(null);
    boolean allowed = key != null && Subjects.allowed(verdict, key);
    List<GateReason> reasons = allowed ? List.of() : key == null
        ? List.of(GateReason.server(GateReason.Kind.VERIFICATION_FAILED,
            "the request names no entry of the verified manifest"))
        : reasons(verdict, key);
    settings.audit().request(method, key, allowed, verdict, reasons);
    if (allowed) {
      return new Outcome.Forward();
    }
    settings.diagnostics().accept("refused " + VisibleText.of(method) + (key == null ? ""
        : " of " + VisibleText.of(key.toString())) + " (NOT_VERIFIED): " + reasons.stream()
        .map(GateReason::text).collect(Collectors.joining("\n  ")));
    return new Outcome.Answer(refusal(id, "NOT_VERIFIED", key, verdict, settings));
  }

  /** The reasons about {@code key}; if the verifier named none, what the guard knows. */
  private static List<GateReason> reasons(GuardVerdict verdict, EntryKey key) {
    List<GateReason> about = verdict.decision().reasons().stream()
        .filter(r -> r.concerns(key)).toList();
    if (!about.isEmpty()) {
      return about;
    }
    boolean known = verdict.manifest().map(mf -> mf.parts().containsKey(key)).orElse(false);
    return List.of(GateReason.server(GateReason.Kind.VERIFICATION_FAILED, key + (known
        ? " is not accepted by the verifier" : " is not in the verified manifest")));
  }

  /**
   * A refusal with fixed text; {@code verdict} may be {@code null} (none in force). The entry is
   * named only when it is part of the verified manifest, with invisible characters spelled out:
   * in the live manifest of a server that is not rejected, and not a name the live server
   * brought in itself (an added entry, or the new name of a renamed one), which no reference
   * ever held.
   */
  static ObjectNode refusal(RpcId id, String refusal, EntryKey key, GuardVerdict verdict,
      GuardSettings settings) {
    boolean known = key != null && verdict != null && !verdict.rejectsServer()
        && verdict.manifest().map(mf -> mf.parts().containsKey(key)).orElse(false)
        && verdict.decision().reasons().stream().noneMatch(r -> isNew(r, key));
    return Responses.refusal(id, refusal, settings.server().name(),
        known ? VisibleText.of(key.toString()) : null,
        verdict == null ? "" : verdict.manifestDigest());
  }

  /** Whether {@code reason} says the live entry {@code key} is not in the reference. */
  private static boolean isNew(GateReason reason, EntryKey key) {
    return reason.kind() == GateReason.Kind.ADDED && reason.key().equals(Optional.of(key))
        || reason.kind() == GateReason.Kind.RENAMED && reason.renamedTo().equals(Optional.of(key));
  }
}
