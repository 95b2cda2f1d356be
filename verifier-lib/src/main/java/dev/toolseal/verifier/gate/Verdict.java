package dev.toolseal.verifier.gate;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.EntryKind;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.manifest.VisibleText;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The outcome of one verification as the gate applies it: the decision (after the gate's own
 * rules) and the tools it lets through, taken from the very snapshot that was verified. Derived
 * from the gate engine's verdict in one place ({@code dev.toolseal.verifier.relay.EmbeddedGuard}).
 *
 * @param generation which verification of the gate's life this is (counts every invalidation)
 * @param decision   the decision in force
 * @param allowed    the live parts that may be used
 * @param rawTools   the allowed {@code tools/list} entries, raw, in the server's order
 * @param tools      the same entries as SDK records, in the same order
 */
public record Verdict(long generation, Decision decision, Set<EntryKey> allowed,
        List<JsonNode> rawTools, List<McpSchema.Tool> tools) {
    public Verdict {
        Objects.requireNonNull(decision, "decision");
        allowed = Set.copyOf(allowed);
        rawTools = rawTools.stream().<JsonNode>map(JsonNode::deepCopy).toList();
        tools = List.copyOf(tools);
        if (rawTools.size() != tools.size()) {
            throw new IllegalArgumentException("raw and typed tools differ in number");
        }
    }

    @Override
    public List<JsonNode> rawTools() {
        return rawTools.stream().<JsonNode>map(JsonNode::deepCopy).toList();
    }

    /** Whether nothing of the server may be used. */
    public boolean serverRejected() {
        return decision instanceof Decision.RejectServer;
    }

    public List<GateReason> reasons() {
        return decision.reasons();
    }

    /** Whether the live part {@code key} may be used. */
    public boolean allows(EntryKey key) {
        return allowed.contains(key);
    }

    /** Whether a call to the tool {@code name} may go to the server. */
    public boolean callable(String name) {
        return allows(new EntryKey(EntryKind.TOOL, name));
    }

    /** The reasons that concern the live tool {@code name}. */
    public List<GateReason> reasonsAbout(String name) {
        EntryKey key = new EntryKey(EntryKind.TOOL, name);
        return reasons().stream().filter(r -> r.concerns(key)).toList();
    }

    /** A verdict that lets nothing through. */
    static Verdict rejected(long generation, List<GateReason> reasons) {
        return new Verdict(generation, new Decision.RejectServer(reasons), Set.of(), List.of(), List.of());
    }

    /**
     * A tool whose schema refers outside itself is never accepted, whatever the verifier said
     * (a signature over its bytes does not fix what the reference fetches): it is taken out of
     * an acceptance, with a {@link GateReason.Kind#SCHEMA_REF_LEAVES} reason unless the verifier
     * already gave one.
     */
    private static Decision refuseLeavingRefs(Decision decision, ToolManifest live) {
        if (decision instanceof Decision.RejectServer) {
            return decision;
        }
        Set<EntryKey> accepted = decision instanceof Decision.AcceptOnly only ? only.accepted()
                : live.parts().keySet();
        List<GateReason> refs = GateReason.schemaRefs(live).stream()
                .filter(r -> r.key().map(accepted::contains).orElse(false)).toList();
        if (refs.isEmpty()) {
            return decision;
        }
        Set<EntryKey> kept = new HashSet<>(accepted);
        refs.forEach(r -> kept.remove(r.key().orElseThrow()));
        List<GateReason> reasons = new ArrayList<>(decision.reasons());
        reasons.addAll(refs);
        return new Decision.AcceptOnly(kept, reasons);
    }

    /**
     * The gate's own rules on top of any verifier: a partial acceptance must accept every fixed
     * part of the live manifest and give no reason about a fixed part (or about the server as a
     * whole); otherwise the server is rejected. Changed instructions can steer every tool, so
     * they are never quarantined. Every front end (this gate, the {@code guard} relay) applies
     * this one rule to whatever its verifier decided. Before it, a tool whose schema refers
     * outside itself is taken out of any acceptance ({@link GateReason#schemaRefs}).
     *
     * @return {@code decision}, or a {@link Decision.RejectServer} with the broken rules added
     */
    public static Decision enforce(Decision decision, ToolManifest live) {
        decision = refuseLeavingRefs(decision, live);
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
                        Optional.empty(), VisibleText.of(key + " is not accepted, so no part of the server is")));
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
