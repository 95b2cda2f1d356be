package dev.toolseal.registry.log;

import dev.toolseal.tlog.Hash;
import java.util.List;

/** JSON bodies of the proof endpoints. Hashes are standard base64, as in C2SP checkpoints. */
public final class ProofResponse {

    private ProofResponse() {
    }

    /**
     * An RFC 9162 inclusion proof.
     *
     * @param index the entry's index
     * @param size the tree size the proof is for
     * @param rootHash the root of that tree (check it against a signed checkpoint)
     * @param hashes the proof, leaf to root
     */
    public record Inclusion(long index, long size, String rootHash, List<String> hashes) {
        Inclusion(long index, long size, Hash root, List<Hash> proof) {
            this(index, size, root.base64(), proof.stream().map(Hash::base64).toList());
        }
    }

    /**
     * An RFC 9162 consistency proof.
     *
     * @param from the older tree size
     * @param to the newer tree size
     * @param fromRootHash the older tree's root
     * @param toRootHash the newer tree's root
     * @param hashes the proof
     */
    public record Consistency(long from, long to, String fromRootHash, String toRootHash, List<String> hashes) {
        Consistency(long from, long to, Hash fromRoot, Hash toRoot, List<Hash> proof) {
            this(from, to, fromRoot.base64(), toRoot.base64(), proof.stream().map(Hash::base64).toList());
        }
    }
}
