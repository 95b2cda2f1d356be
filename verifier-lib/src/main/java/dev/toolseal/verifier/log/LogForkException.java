package dev.toolseal.verifier.log;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.ProofException;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.verifier.VerificationException;
import java.util.List;
import java.util.Optional;

/**
 * A log showed two views that cannot both be true: two checkpoints, both signed by its trusted
 * key, of the same size with different roots, or of different sizes that no consistency proof
 * links. The two signed checkpoints are the evidence anyone can check and publish; the proof
 * offered (possibly empty) and why it failed are kept with them.
 */
public final class LogForkException extends VerificationException {
  private static final long serialVersionUID = 1L;
  private final transient SignedCheckpoint known;
  private final transient SignedCheckpoint presented;
  private final transient List<Hash> proof;
  private final transient ProofException proofFailure;

  public LogForkException(SignedCheckpoint known, SignedCheckpoint presented, List<Hash> proof,
      ProofException proofFailure) {
    super(describe(known.checkpoint(), presented.checkpoint()), proofFailure);
    this.known = known;
    this.presented = presented;
    this.proof = List.copyOf(proof);
    this.proofFailure = proofFailure;
  }

  private static String describe(Checkpoint a, Checkpoint b) {
    return "log " + a.origin() + " forked: the checkpoint seen before (size " + a.size()
        + ", root " + a.root() + ") and the one presented now (size " + b.size() + ", root "
        + b.root() + ") are both signed by the log key but describe inconsistent trees";
  }

  /** The checkpoint the client had stored. */
  public SignedCheckpoint known() {
    return known;
  }

  /** The checkpoint presented now. */
  public SignedCheckpoint presented() {
    return presented;
  }

  /** The consistency proof that was offered; empty for two checkpoints of the same size. */
  public List<Hash> proof() {
    return proof;
  }

  /** Why the proof failed; empty for two checkpoints of the same size and different roots. */
  public Optional<ProofException> proofFailure() {
    return Optional.ofNullable(proofFailure);
  }
}
