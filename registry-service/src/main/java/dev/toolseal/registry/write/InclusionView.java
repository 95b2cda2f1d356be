package dev.toolseal.registry.write;

import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.bundle.EntryProof;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * An entry's inclusion proof as JSON: hashes in standard base64 as in C2SP checkpoints, and the
 * signed checkpoint note as text.
 *
 * @param logIndex the entry's index
 * @param treeSize the checkpoint's tree size
 * @param rootHash the checkpoint's root
 * @param hashes the RFC 9162 inclusion proof, leaf to root
 * @param checkpoint the signed checkpoint note
 */
public record InclusionView(long logIndex, long treeSize, String rootHash, List<String> hashes, String checkpoint) {

    /** The view of a verifier-library entry proof. */
    public static InclusionView of(EntryProof proof) {
        return new InclusionView(proof.index(), proof.treeSize(), proof.rootHash().base64(),
                proof.hashes().stream().map(Hash::base64).toList(),
                new String(proof.checkpoint(), StandardCharsets.UTF_8));
    }
}
