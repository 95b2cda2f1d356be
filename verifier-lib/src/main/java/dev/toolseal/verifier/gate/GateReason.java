package dev.toolseal.verifier.gate;

import dev.toolseal.verifier.VerificationException;
import dev.toolseal.verifier.manifest.DiffRenderer;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.ManifestChange;
import dev.toolseal.verifier.manifest.ManifestDiff;
import dev.toolseal.verifier.manifest.SchemaRefs;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.manifest.ValueChange;
import dev.toolseal.verifier.manifest.VisibleText;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Why the gate hides or refuses something, as facts a program can test and as a line a person
 * can act on.
 *
 * @param key       the manifest part concerned (the trusted identity for a rename); empty when
 *                  the whole server is concerned, e.g. recording failed
 * @param kind      what happened
 * @param pointers  RFC 6901 pointers into the part where it changed ({@link Kind#CHANGED} only)
 * @param renamedTo the live identity of a renamed entry
 * @param text      a description for people; every invisible character must already be spelled
 *                  out ({@link VisibleText}), only line breaks are kept
 * @param failure   for {@link Kind#RELEASE_REJECTED}: the typed exception, with its evidence, that
 *                  rejected the release (a forged signature, a revoked key, a fork, ...)
 */
public record GateReason(Optional<EntryKey> key, Kind kind, List<String> pointers,
        Optional<EntryKey> renamedTo, String text, Optional<VerificationException> failure) {

    /** What happened. */
    public enum Kind {
        /** A part exists live but not in the trusted manifest. */
        ADDED,
        /** A trusted part is missing live. */
        REMOVED,
        /** A list entry is unchanged except for its name, uri or uriTemplate. */
        RENAMED,
        /** A part exists on both sides with different content. */
        CHANGED,
        /** The live definitions could not be recorded or assembled into a manifest. */
        RECORDING_FAILED,
        /** The verifier threw, returned nothing, or the session broke. */
        VERIFICATION_FAILED,
        /** The verifier's decision broke a rule the gate enforces on its own. */
        GATE_RULE,
        /** The release evidence did not verify (signature, key, review, log); see {@code failure}. */
        RELEASE_REJECTED,
        /**
         * A live tool's schema has a {@code $ref} or {@code $dynamicRef} that leaves it
         * ({@link dev.toolseal.verifier.manifest.SchemaRefs}); {@code pointers} name each one.
         * Refused even when the trusted manifest has the same bytes.
         */
        SCHEMA_REF_LEAVES
    }

    /** A reason without a typed failure. */
    public GateReason(Optional<EntryKey> key, Kind kind, List<String> pointers, Optional<EntryKey> renamedTo,
            String text) {
        this(key, kind, pointers, renamedTo, text, Optional.empty());
    }

    public GateReason {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(kind, "kind");
        pointers = List.copyOf(pointers);
        Objects.requireNonNull(renamedTo, "renamedTo");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(failure, "failure");
        if (failure.isPresent() != (kind == Kind.RELEASE_REJECTED)) {
            throw new IllegalArgumentException("a typed failure goes with RELEASE_REJECTED, and only there");
        }
        if (text.codePoints().anyMatch(cp -> cp != '\n' && VisibleText.isInvisible(cp))) {
            throw new IllegalArgumentException("reason text with invisible characters");
        }
    }

    /** A reason about the whole server; {@code text} is made visible here. */
    public static GateReason server(Kind kind, String text) {
        return new GateReason(Optional.empty(), kind, List.of(), Optional.empty(), VisibleText.of(text));
    }

    /** A reason rejecting the whole server because its release did not verify. */
    public static GateReason releaseRejected(VerificationException failure, String text) {
        return new GateReason(Optional.empty(), Kind.RELEASE_REJECTED, List.of(), Optional.empty(),
                VisibleText.of(text), Optional.of(failure));
    }

    /** One reason per change of {@code diff}, each saying it differs from {@code trustedLabel}. */
    public static List<GateReason> of(ManifestDiff diff, String trustedLabel) {
        List<GateReason> reasons = new ArrayList<>();
        for (ManifestChange change : diff.changes()) {
            String text = "since " + VisibleText.of(trustedLabel) + ": "
                    + DiffRenderer.render(new ManifestDiff(List.of(change))).strip();
            Optional<EntryKey> key = Optional.of(change.key());
            if (change instanceof ManifestChange.Added) {
                reasons.add(new GateReason(key, Kind.ADDED, List.of(), Optional.empty(), text));
            } else if (change instanceof ManifestChange.Removed) {
                reasons.add(new GateReason(key, Kind.REMOVED, List.of(), Optional.empty(), text));
            } else if (change instanceof ManifestChange.Renamed r) {
                reasons.add(new GateReason(key, Kind.RENAMED, List.of(), Optional.of(r.to()), text));
            } else if (change instanceof ManifestChange.Changed c) {
                List<String> pointers = c.changes().stream().map(ValueChange::pointer).toList();
                reasons.add(new GateReason(key, Kind.CHANGED, pointers, Optional.empty(), text));
            }
        }
        return List.copyOf(reasons);
    }

    /**
     * One {@link Kind#SCHEMA_REF_LEAVES} reason per tool of {@code live} whose schema refers
     * outside itself, naming every such reference's pointer; empty when there is none.
     */
    public static List<GateReason> schemaRefs(ToolManifest live) {
        List<GateReason> reasons = new ArrayList<>();
        SchemaRefs.of(live).forEach((key, refs) -> {
            StringBuilder text = new StringBuilder(VisibleText.of(key + " is refused: its schema"
                    + " refers outside itself, so its signed bytes do not fix what it means, or"
                    + " breaks the composition bounds (a reference cycle, too long a reference"
                    + " chain, too large), or carries an invalid x-mcp-header annotation"));
            for (SchemaRefs.LeavingRef r : refs) {
                text.append("\n  ").append(VisibleText.of("at " + r.pointer() + ": " + r.problem()
                        + ": " + r.detail()));
            }
            reasons.add(new GateReason(Optional.of(key), Kind.SCHEMA_REF_LEAVES,
                    refs.stream().map(SchemaRefs.LeavingRef::pointer).toList(), Optional.empty(),
                    text.toString()));
        });
        return List.copyOf(reasons);
    }

    /** Whether this reason concerns the live entry {@code live} (by its trusted or live key). */
    public boolean concerns(EntryKey live) {
        return key.equals(Optional.of(live)) || renamedTo.equals(Optional.of(live));
    }

    @Override
    public String toString() {
        return text;
    }
}
