package dev.toolseal.registry.log;

import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import dev.toolseal.registry.witness.WitnessCosignatures;
import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.engine.PublishedCheckpoint;
import dev.toolseal.tlog.note.KeyFormatException;
import dev.toolseal.tlog.note.NoteSignature;
import dev.toolseal.tlog.note.NoteVerifier;
import dev.toolseal.tlog.witness.WitnessClient;
import dev.toolseal.verifier.bundle.EntryProof;
import dev.toolseal.verifier.log.LogId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Inclusion proofs of single entries against the latest signed checkpoint, in the verifier
 * library's {@link EntryProof} form (what offline bundles carry).
 */
@ApplicationScoped
public class EntryProofs {

    /** Proofs kept in memory; the map is cleared when it grows past this. */
    static final int MAX_PROOFS = 20_000;

    private record Key(long index, long size) {
    }

    private final LogEngine engine;
    private final WitnessCosignatures witnesses;
    private final LogId logId;
    private final Map<Key, EntryProof> cache = new ConcurrentHashMap<>();

    @Inject
    public EntryProofs(LogEngine engine, LogSigningKey key, WitnessCosignatures witnesses) {
        this.engine = engine;
        this.witnesses = witnesses;
        try {
            this.logId = LogId.of(NoteVerifier.parse(key.verifierKey()));
        } catch (KeyFormatException e) {
            throw new IllegalStateException("the log's own verifier key does not parse", e);
        }
    }

    /** The log's id (from its checkpoint key). */
    public LogId logId() {
        return logId;
    }

    /** The proof of entry {@code index} in the latest checkpoint, if that checkpoint covers it. */
    public Optional<EntryProof> proof(long index) {
        try {
            Optional<PublishedCheckpoint> latest = engine.latestCheckpoint();
            if (latest.isEmpty() || latest.get().size() <= index) {
                return Optional.empty();
            }
            return Optional.of(proof(index, latest.get()));
        } catch (IOException e) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "The log storage is unavailable.");
        }
    }

    /** Waits up to {@code timeout} for a checkpoint that covers {@code index}, then proves inclusion in it. */
    public Optional<EntryProof> awaitProof(long index, Duration timeout) {
        try {
            PublishedCheckpoint checkpoint = engine.log().awaitIntegrated(index)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return Optional.of(proof(index, checkpoint));
        } catch (TimeoutException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        } catch (ExecutionException | IOException e) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "The log storage is unavailable.");
        }
    }

    /** The size of the latest checkpoint (0 before the first), without a database read. */
    public long checkpointSize() {
        try {
            return engine.latestCheckpoint().map(PublishedCheckpoint::size).orElse(0L);
        } catch (IOException e) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "The log storage is unavailable.");
        }
    }

    /**
     * A proof of one entry in one checkpoint never changes: it is computed once and kept. The
     * witnesses' cosignatures of that checkpoint do (they are refreshed), so they are added to
     * the note each time.
     */
    private EntryProof proof(long index, PublishedCheckpoint checkpoint) throws IOException {
        EntryProof proof = logOnlyProof(index, checkpoint);
        List<NoteSignature> cosignatures = witnesses.cosignatures(checkpoint.size(), checkpoint.root());
        return cosignatures.isEmpty() ? proof
                : new EntryProof(proof.logId(), proof.index(), proof.treeSize(), proof.rootHash(), proof.hashes(),
                        WitnessClient.withSignatures(checkpoint.note(), cosignatures));
    }

    private EntryProof logOnlyProof(long index, PublishedCheckpoint checkpoint) throws IOException {
        Key key = new Key(index, checkpoint.size());
        EntryProof cached = cache.get(key);
        if (cached != null) {
            return cached;
        }
        List<Hash> hashes = engine.reader().inclusionProof(index, checkpoint.size());
        EntryProof proof = EntryProof.of(logId, index, hashes, checkpoint.note());
        if (cache.size() >= MAX_PROOFS) {
            cache.clear();
        }
        cache.put(key, proof);
        return proof;
    }
}
