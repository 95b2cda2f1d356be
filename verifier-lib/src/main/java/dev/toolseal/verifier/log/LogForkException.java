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
  private final String record;

  public LogForkException(SignedCheckpoint known, SignedCheckpoint presented, List<Hash> proof,
      ProofException proofFailure) {
    this(known, presented, proof, proofFailure, null);
  }

  private LogForkException(SignedCheckpoint known, SignedCheckpoint presented, List<Hash> proof,
      ProofException proofFailure, String record) {
    super(describe(known.checkpoint(), presented.checkpoint())
        + (record == null ? "" : "; the evidence is kept in " + record), proofFailure);
    this.known = known;
    this.presented = presented;
    this.proof = List.copyOf(proof);
    this.proofFailure = proofFailure;
    this.record = record;
  }

  /** The same fork, with where its evidence was recorded. */
  LogForkException recordedAt(String where) {
    return new LogForkException(known, presented, proof, proofFailure, where);
  }

  /** Where the evidence was recorded, if it was. */
  public Optional<String> record() {
    return Optional.ofNullable(record);
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
