package dev.toolseal.registry.log;

import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import dev.toolseal.registry.witness.WitnessCosignatures;
import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.Rfc6962;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.engine.PublishedCheckpoint;
import dev.toolseal.tlog.note.NoteSignature;
import dev.toolseal.tlog.tiles.TileFormatException;
import dev.toolseal.tlog.tiles.TileId;
import dev.toolseal.tlog.witness.WitnessClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.util.List;
import java.util.Optional;

/**
 * The log's read side for the HTTP API: checkpoint, tiles, entry bundles and proofs, with every
 * failure turned into a problem (storage failures are {@link ProblemType#UNAVAILABLE}).
 */
@ApplicationScoped
public class LogReadService {

    private final LogEngine engine;
    private final WitnessCosignatures witnesses;

    @Inject
    public LogReadService(LogEngine engine, WitnessCosignatures witnesses) {
        this.engine = engine;
        this.witnesses = witnesses;
    }

    /**
     * The latest signed checkpoint note, with the cosignature lines of the witnesses that cosigned
     * exactly it (clients that do not trust a witness ignore its line). Before the first entry is
     * integrated this is a checkpoint of the empty tree, signed on demand: it commits to nothing,
     * so it cannot fork, and it is not witnessed.
     */
    public byte[] checkpointNote() {
        Optional<PublishedCheckpoint> latest = read(engine::latestCheckpoint);
        if (latest.isEmpty()) {
            return engine.signer().sign(new Checkpoint(engine.signer().origin(), 0, Rfc6962.emptyRoot()));
        }
        PublishedCheckpoint cp = latest.get();
        List<NoteSignature> cosignatures = witnesses.cosignatures(cp.size(), cp.root());
        return cosignatures.isEmpty() ? cp.note() : WitnessClient.withSignatures(cp.note(), cosignatures);
    }

    /** The hash tile at {@code tile/<path>}. */
    public Tile tile(String path) {
        TileId id = parse(() -> TileId.parsePath("tile/" + path));
        return new Tile(id, read(() -> engine.reader().tile(id)).orElseThrow(LogReadService::noSuchTile));
    }

    /** The entry bundle at {@code tile/entries/<path>}. */
    public Tile entryBundle(String path) {
        TileId id = parse(() -> TileId.parseEntriesPath("tile/entries/" + path));
        return new Tile(id, read(() -> engine.reader().entryBundle(id)).orElseThrow(LogReadService::noSuchTile));
    }

    /** The inclusion proof of entry {@code index} in the tree of {@code size}, with that tree's root. */
    public ProofResponse.Inclusion inclusionProof(long index, long size) {
        if (index < 0 || size <= index) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "Need 0 <= index < size.");
        }
        requireWithinLog(size);
        List<Hash> proof = read(() -> engine.reader().inclusionProof(index, size));
        return new ProofResponse.Inclusion(index, size, read(() -> engine.reader().treeHash(size)), proof);
    }

    /** The consistency proof between the trees of {@code from} and {@code to} entries. */
    public ProofResponse.Consistency consistencyProof(long from, long to) {
        if (from < 0 || to < from) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "Need 0 <= from <= to.");
        }
        requireWithinLog(to);
        List<Hash> proof = read(() -> engine.reader().consistencyProof(from, to));
        return new ProofResponse.Consistency(from, to, read(() -> engine.reader().treeHash(from)),
                read(() -> engine.reader().treeHash(to)), proof);
    }

    /** A tile or bundle and its coordinates. */
    public record Tile(TileId id, byte[] body) {
    }

    private void requireWithinLog(long size) {
        long published = read(engine::latestCheckpoint).map(PublishedCheckpoint::size).orElse(0L);
        if (size > published) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER,
                    "The tree size is larger than the latest checkpoint's (" + published + ").");
        }
    }

    private static ProblemException noSuchTile() {
        return new ProblemException(ProblemType.NOT_FOUND, "The log has no such tile.");
    }

    private interface Read<T> {
        T get() throws IOException;
    }

    private interface Parse<T> {
        T get() throws TileFormatException;
    }

    private static <T> T read(Read<T> read) {
        try {
            return read.get();
        } catch (IOException e) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "The log storage is unavailable.");
        }
    }

    private static <T> T parse(Parse<T> parse) {
        try {
            return parse.get();
        } catch (TileFormatException e) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "Not a canonical tlog-tiles path.");
        }
    }
}
