package dev.toolseal.verifier.gate;

import dev.toolseal.verifier.VerificationException;
import dev.toolseal.verifier.bundle.BundleException;
import dev.toolseal.verifier.log.CheckpointStore;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.ManifestDiff;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.relay.ReferenceCapabilities;
import dev.toolseal.verifier.verification.ReleaseEvidence;
import dev.toolseal.verifier.verification.ReleaseEvidenceSource;
import dev.toolseal.verifier.verification.ReleaseVerifier;
import dev.toolseal.verifier.verification.VerificationPolicy;
import dev.toolseal.verifier.verification.VerificationResult;
import dev.toolseal.verifier.verification.VerifiedRelease;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Trusts what a signed, reviewed, logged release says: runs {@link ReleaseVerifier#verify} on
 * every live manifest the gate records and turns its {@link VerificationResult} into a
 * {@link Decision}.
 *
 * <ul>
 *   <li>{@code ACCEPTED} is {@link Decision.AcceptAll};
 *   <li>{@code QUARANTINED} is {@link Decision.AcceptOnly} of the unchanged entries plus the
 *       fixed parts (which a quarantine never concerns), one reason per change;
 *   <li>{@code REJECTED} is {@link Decision.RejectServer}: one reason per change when the live
 *       server differs from its release, or one {@link GateReason.Kind#RELEASE_REJECTED} reason
 *       carrying the typed failure (forged signature, untrusted or revoked key, missing or failed
 *       review, inclusion proof, log fork, ...) when the release itself did not verify.
 * </ul>
 *
 * Every reason names the release ({@code name@version}) and the publisher key id: the verified
 * signer for a change, the key the release bundle was logged on for a failure.
 */
public final class ReleaseManifestVerifier implements ManifestVerifier {
    private final ReleaseEvidenceSource evidence;
    private final VerificationPolicy policy;
    private final CheckpointStore store;

    /**
     * @param evidence where the release evidence comes from (offline bundles today)
     * @param policy   trusted keys, required reviews and what a mismatch does
     * @param store    the newest checkpoint seen per log; moves forward as releases verify
     */
    public ReleaseManifestVerifier(ReleaseEvidenceSource evidence, VerificationPolicy policy,
            CheckpointStore store) {
        this.evidence = Objects.requireNonNull(evidence, "evidence");
        this.policy = Objects.requireNonNull(policy, "policy");
        this.store = Objects.requireNonNull(store, "store");
    }

    /**
     * @throws IOException     if the evidence could not be read (the gate then rejects the server)
     * @throws BundleException if a bundle is malformed (likewise)
     */
    @Override
    public Decision verify(ToolManifest live) throws IOException, BundleException {
        Objects.requireNonNull(live, "live");
        ReleaseEvidence found = evidence.evidenceFor(live.server());
        return decide(live, found, ReleaseVerifier.verify(live, found, policy, store));
    }

    /**
     * The protocol version of {@code server}'s release, read from its evidence before it is
     * verified (only to record the server in the release's era; the verification checks the
     * signed manifest, era included); empty when the evidence cannot be read.
     */
    @Override
    public Optional<String> referenceProtocolVersion(ServerRef server) {
        try {
            return ReferenceCapabilities.protocolVersion(evidence.evidenceFor(server));
        } catch (Exception e) {
            return Optional.empty(); // the verification rejects such a server on its own
        }
    }

    /** The decision for {@code result}, the outcome of verifying {@code live} against {@code found}. */
    static Decision decide(ToolManifest live, ReleaseEvidence found, VerificationResult result) {
        String release = live.server().name() + "@" + live.server().version();
        Optional<VerificationException> failure = result.failure();
        if (failure.isPresent()) {
            return new Decision.RejectServer(List.of(GateReason.releaseRejected(failure.get(), "release "
                    + release + " (bundle logged on publisher key " + found.release().keyHint().hex()
                    + ") is refused: " + failure.get().getMessage())));
        }
        List<GateReason> changes = new ArrayList<>(changes(result));
        if (result.release().isPresent()) { // compared: the comparison refused these too
            changes.addAll(GateReason.schemaRefs(live));
        }
        switch (result.status()) {
            case ACCEPTED:
                return new Decision.AcceptAll();
            case QUARANTINED:
                Set<EntryKey> accepted = live.parts().keySet().stream()
                        .filter(key -> !key.kind().isListKind() || result.allows(key))
                        .collect(Collectors.toSet());
                return new Decision.AcceptOnly(accepted, changes);
            default:
                return new Decision.RejectServer(changes.isEmpty()
                        ? List.of(GateReason.server(GateReason.Kind.VERIFICATION_FAILED, result.explain()))
                        : changes);
        }
    }

    /** One reason per difference between the signed and the live manifest, if they were compared. */
    private static List<GateReason> changes(VerificationResult result) {
        Optional<VerifiedRelease> release = result.release();
        Optional<ManifestDiff> diff = result.diff();
        if (release.isEmpty() || diff.isEmpty()) {
            return List.of();
        }
        VerifiedRelease signed = release.get();
        return GateReason.of(diff.get(), "release " + signed.name() + " signed by "
                + signed.publisher().hex() + " (log index " + signed.logIndex() + ")");
    }
}
