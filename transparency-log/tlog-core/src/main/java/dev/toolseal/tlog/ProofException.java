package dev.toolseal.tlog;

/**
 * A Merkle inclusion or consistency proof did not verify. Carries the evidence: the index and tree
 * sizes it was checked for and, when the proof ran to the end, the root it was expected to
 * produce and the root it actually produced.
 *
 * <p>It records no stack trace: it is only ever thrown by the {@link MerkleTree} verifiers, the
 * evidence fields say what went wrong, and anyone feeding a verifier bad proofs should not be
 * able to make it spend time walking stacks.
 */
public final class ProofException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why the proof was rejected. */
  public enum Reason {
    /** The index or sizes cannot describe a proof (index outside the tree, sizes reversed). */
    INVALID_INPUT,
    /** The proof has too many or too few hashes for the index and sizes. */
    WRONG_PROOF_LENGTH,
    /** A consistency proof does not reproduce the old tree's root. */
    OLD_ROOT_MISMATCH,
    /** The proof does not reproduce the (new) tree's root. */
    ROOT_MISMATCH
  }

  private final Reason reason;
  private final long index;
  private final long oldSize;
  private final long size;
  private final transient Hash expected;
  private final transient Hash computed;

  private ProofException(
      Reason reason, long index, long oldSize, long size, Hash expected, Hash computed,
      String message) {
    super(message, null, false, false);
    this.reason = reason;
    this.index = index;
    this.oldSize = oldSize;
    this.size = size;
    this.expected = expected;
    this.computed = computed;
  }

  static ProofException inclusion(
      Reason reason, long index, long size, Hash expected, Hash computed, String what) {
    return new ProofException(reason, index, -1, size, expected, computed,
        "inclusion proof for leaf " + index + " in tree size " + size + ": " + what
            + evidence(expected, computed));
  }

  static ProofException consistency(
      Reason reason, long oldSize, long size, Hash expected, Hash computed, String what) {
    return new ProofException(reason, -1, oldSize, size, expected, computed,
        "consistency proof from tree size " + oldSize + " to " + size + ": " + what
            + evidence(expected, computed));
  }

  private static String evidence(Hash expected, Hash computed) {
    return expected == null ? "" : " (expected root " + expected + ", computed " + computed + ")";
  }

  public Reason reason() {
    return reason;
  }

  /** The leaf index of an inclusion proof; -1 for a consistency proof. */
  public long index() {
    return index;
  }

  /** The old tree size of a consistency proof; -1 for an inclusion proof. */
  public long oldSize() {
    return oldSize;
  }

  /** The tree size of an inclusion proof, the new tree size of a consistency proof. */
  public long size() {
    return size;
  }

  /** The root the proof had to produce, or null when it was rejected before producing one. */
  public Hash expectedRoot() {
    return expected;
  }

  /** The root the proof produced, or null when it was rejected before producing one. */
  public Hash computedRoot() {
    return computed;
  }
}
