package dev.toolseal.verifier.gate;

import dev.toolseal.verifier.manifest.CanonicalJson;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.ManifestDiff;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Trusts exactly one manifest, given in advance (pinned): the live manifest must equal it part
 * by part (each part's canonical JSON, hence its SHA-256 digest).
 *
 * <p>{@link Policy#REJECT_SERVER} rejects the server on any difference.
 * {@link Policy#QUARANTINE_CHANGED} accepts the list entries that are unchanged and hides the
 * rest, unless a fixed part (instructions, server info, capabilities, protocol version, client
 * capabilities, release identity) differs: then the server is rejected all the same.
 *
 * <p>A live tool whose schema refers outside itself ({@link GateReason#schemaRefs}) is treated
 * as changed even when the pinned manifest holds the same bytes.
 */
public final class PinnedManifestVerifier implements ManifestVerifier {

    /** What to do about a difference in a list entry. */
    public enum Policy {
        /** Any difference rejects the whole server. */
        REJECT_SERVER,
        /** Only the differing list entries are hidden; fixed parts still reject the server. */
        QUARANTINE_CHANGED
    }

    private final ToolManifest trusted;
    private final String trustedLabel;
    private final Policy policy;

    /**
     * @param trustedLabel how reasons name the trusted manifest, e.g. {@code acme/weather@1.2.0}
     */
    public PinnedManifestVerifier(ToolManifest trusted, String trustedLabel, Policy policy) {
        this.trusted = Objects.requireNonNull(trusted, "trusted");
        this.trustedLabel = Objects.requireNonNull(trustedLabel, "trustedLabel");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** A verifier that names the trusted manifest by its release, {@code name@version}. */
    public PinnedManifestVerifier(ToolManifest trusted, Policy policy) {
        this(trusted, trusted.server().name() + "@" + trusted.server().version(), policy);
    }

    /** The pinned manifest's protocol version. */
    @Override
    public Optional<String> referenceProtocolVersion(ServerRef server) {
        return Optional.of(trusted.protocolVersion());
    }

    @Override
    public Decision verify(ToolManifest live) {
        Objects.requireNonNull(live, "live");
        ManifestDiff diff = ManifestDiff.between(trusted, live);
        // a tool whose schema refers outside itself counts as changed, whatever the pin says
        List<GateReason> refs = GateReason.schemaRefs(live);
        if (diff.isEmpty() && refs.isEmpty()) {
            return new Decision.AcceptAll();
        }
        List<GateReason> reasons = new ArrayList<>(GateReason.of(diff, trustedLabel));
        reasons.addAll(refs);
        boolean fixedPartChanged = diff.changes().stream().anyMatch(c -> !c.key().kind().isListKind());
        if (policy == Policy.REJECT_SERVER || fixedPartChanged) {
            return new Decision.RejectServer(reasons);
        }
        Map<EntryKey, CanonicalJson> pinned = trusted.parts();
        Set<EntryKey> refused = new HashSet<>();
        refs.forEach(r -> r.key().ifPresent(refused::add));
        Set<EntryKey> accepted = new HashSet<>();
        live.parts().forEach((key, value) -> {
            if (value.equals(pinned.get(key)) && !refused.contains(key)) {
                accepted.add(key);
            }
        });
        return new Decision.AcceptOnly(accepted, reasons);
    }
}
