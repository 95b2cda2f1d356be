package dev.toolseal.verifier.bundle;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.ProofException;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.CheckpointException;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.note.NoteException;
import dev.toolseal.tlog.note.NoteVerifier;
import dev.toolseal.verifier.bundle.InclusionException.Reason;
import dev.toolseal.verifier.log.CheckpointOpener;
import dev.toolseal.verifier.log.LogTrust;

/**
 * Checks that a bundle's entry is in a trusted log: the checkpoint opens against the trusted key
 * whose {@link dev.toolseal.verifier.log.LogId} the bundle names (and the witness quorum), and
 * {@code MerkleTree.verifyInclusion(leafHash(leaf bytes), index, size, hashes, root)} holds for
 * that checkpoint's size and root. Consistency with earlier checkpoints is the
 * {@link dev.toolseal.verifier.log.CheckpointTracker}'s job.
 */
public final class InclusionVerifier {
  private InclusionVerifier() {}

  /** @return the verified checkpoint the entry is included in */
  public static SignedCheckpoint verify(OfflineBundle bundle, LogTrust trust)
      throws InclusionException {
    EntryProof p = bundle.proof();
    Hash leafHash = bundle.leaf().leafHash();
    NoteVerifier key = trust.keyFor(p.logId()).orElseThrow(() -> new InclusionException(
        Reason.UNKNOWN_LOG, p, leafHash, "no trusted log key has this log id", null));
    SignedCheckpoint signed;
    try {
      signed = CheckpointOpener.open(p.checkpoint(), key, trust.witnesses(), trust.quorum());
      trust.requireFresh(signed);
    } catch (NoteException | CheckpointException e) {
      throw new InclusionException(Reason.UNTRUSTED_CHECKPOINT, p, leafHash,
          "the checkpoint does not verify against log key " + key.name() + ": " + e.getMessage(),
          e);
    }
    Checkpoint c = signed.checkpoint();
    try {
      if (c.size() != p.treeSize() || !c.root().equals(p.rootHash())) {
        throw new IllegalStateException("EntryProof lets no mismatched checkpoint through");
      }
      MerkleTree.verifyInclusion(leafHash, p.index(), c.size(), p.hashes(), c.root());
    } catch (ProofException e) {
      throw new InclusionException(Reason.PROOF_FAILED, p, leafHash,
          "the inclusion proof does not lead to the checkpoint's root", e);
    }
    return signed;
  }
}
