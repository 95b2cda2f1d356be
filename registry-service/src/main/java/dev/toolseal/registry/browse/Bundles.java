package dev.toolseal.registry.browse;

import dev.toolseal.registry.log.EntryProofs;
import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import dev.toolseal.registry.store.RegistryStore;
import dev.toolseal.registry.store.Rows;
import dev.toolseal.registry.store.Transactions;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.EnvelopeFormatException;
import dev.toolseal.verifier.bundle.BundleException;
import dev.toolseal.verifier.bundle.BundleFormat;
import dev.toolseal.verifier.bundle.EntryProof;
import dev.toolseal.verifier.bundle.OfflineBundle;
import dev.toolseal.verifier.log.LogLeaf;
import dev.toolseal.verifier.log.LogLeafFormatException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;

/**
 * Offline bundles (Sigstore bundle v0.3 JSON, {@link BundleFormat}) of logged entries: the stored
 * envelope, its log leaf and an inclusion proof in the latest checkpoint. An entry not yet
 * covered by a checkpoint is waited for briefly, then answered with 503 and Retry-After.
 */
@ApplicationScoped
public class Bundles {

    private static final Duration WAIT = Duration.ofSeconds(5);

    private final Transactions transactions;
    private final EntryProofs proofs;

    @Inject
    public Bundles(Transactions transactions, EntryProofs proofs) {
        this.transactions = transactions;
        this.proofs = proofs;
    }

    /** The bundle of the release {@code name}@{@code version}. */
    public byte[] release(String name, String version) {
        Rows.Entry entry = transactions.read(c -> {
            Rows.Release r = RegistryStore.release(c, name, version).orElseThrow(BrowseService::notFound);
            return RegistryStore.entry(c, r.entryId()).orElseThrow();
        });
        return bundle(entry);
    }

    /** The bundle of the entry at log index {@code index}. */
    public byte[] entry(long index) {
        return bundle(transactions.read(c -> RegistryStore.entryAtIndex(c, index)).orElseThrow(BrowseService::notFound));
    }

    private byte[] bundle(Rows.Entry entry) {
        long index = entry.logIndex().orElseThrow(BrowseService::notFound);
        EntryProof proof = proofs.proof(index).or(() -> proofs.awaitProof(index, WAIT))
                .orElseThrow(() -> new ProblemException(ProblemType.UNAVAILABLE,
                        "The entry is not yet covered by a checkpoint; retry shortly."));
        try {
            return BundleFormat.write(OfflineBundle.of(Envelope.parse(entry.envelope()), LogLeaf.parse(entry.leaf()),
                    proof));
        } catch (EnvelopeFormatException | LogLeafFormatException | BundleException e) {
            throw new IllegalStateException("a stored entry does not form a bundle", e);
        }
    }
}
