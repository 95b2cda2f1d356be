package dev.toolseal.verifier.bundle;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.ProofException;
import dev.toolseal.verifier.VerificationException;
import dev.toolseal.verifier.log.LogId;
import java.util.Optional;

/**
 * A bundle's entry could not be shown to be in a trusted log: its log is not trusted, its
 * checkpoint does not verify, or its inclusion proof does not lead to the checkpoint's root.
 * Carries the log, index, tree size and leaf hash, and the tlog-core exception as cause.
 */
public final class InclusionException extends VerificationException {
  private static final long serialVersionUID = 1L;

  /** What failed. */
  public enum Reason {
    /** No trusted log key has the bundle's log id. */
    UNKNOWN_LOG,
    /** The checkpoint is not signed by the log key (or lacks the witness quorum). */
    UNTRUSTED_CHECKPOINT,
    /** The Merkle inclusion proof does not verify against the checkpoint's root. */
    PROOF_FAILED
  }

  private final Reason reason;
  private final LogId logId;
  private final long index;
  private final long treeSize;
  private final transient Hash leafHash;

  InclusionException(Reason reason, EntryProof proof, Hash leafHash, String message,
      Throwable cause) {
    super(reason + ": entry " + proof.index() + " of log " + proof.logId() + " (tree size "
        + proof.treeSize() + "): " + message, cause);
    this.reason = reason;
    this.logId = proof.logId();
    this.index = proof.index();
    this.treeSize = proof.treeSize();
    this.leafHash = leafHash;
  }

  public Reason reason() {
    return reason;
  }

  public LogId logId() {
    return logId;
  }

  public long index() {
    return index;
  }

  public long treeSize() {
    return treeSize;
  }

  /** The RFC 6962 hash of the bundle's leaf. */
  public Hash leafHash() {
    return leafHash;
  }

  /** For {@link Reason#PROOF_FAILED}: the Merkle proof failure with expected and computed roots. */
  public Optional<ProofException> proofFailure() {
    return getCause() instanceof ProofException p ? Optional.of(p) : Optional.empty();
  }
}
