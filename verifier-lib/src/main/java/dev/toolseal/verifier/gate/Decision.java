package dev.toolseal.verifier.gate;

import dev.toolseal.verifier.manifest.EntryKey;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** What a {@link ManifestVerifier} decided about one live manifest. */
public sealed interface Decision {

    /** Why anything was not accepted; empty only for {@link AcceptAll}. */
    List<GateReason> reasons();

    /** Every part of the live manifest is trusted. */
    record AcceptAll() implements Decision {
        @Override
        public List<GateReason> reasons() {
            return List.of();
        }
    }

    /**
     * Only the named parts are trusted; every other entry is hidden and refused.
     *
     * <p>{@code accepted} must name every accepted part, the fixed parts ({@code server:*},
     * {@code client:*}, {@code release:*}) included: the gate rejects the whole server when a
     * fixed part of the live manifest is missing from it, or when a reason is about a fixed part
     * (changed instructions can poison every tool, so they are never quarantined).
     *
     * @param accepted the live parts that are trusted
     * @param reasons  why the others are not (never empty)
     */
    record AcceptOnly(Set<EntryKey> accepted, List<GateReason> reasons) implements Decision {
        public AcceptOnly {
            accepted = Set.copyOf(accepted);
            reasons = List.copyOf(reasons);
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("accepting only a part needs a reason");
            }
        }
    }

    /** Nothing of this server may be used. */
    record RejectServer(List<GateReason> reasons) implements Decision {
        public RejectServer {
            reasons = List.copyOf(Objects.requireNonNull(reasons, "reasons"));
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("a rejection needs a reason");
            }
        }
    }
}
