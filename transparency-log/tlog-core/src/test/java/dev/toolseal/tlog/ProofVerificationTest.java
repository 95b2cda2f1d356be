package dev.toolseal.tlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.toolseal.tlog.ProofException.Reason;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every inclusion and consistency proof of every tree up to 100 leaves verifies, and every
 * mutation of it is rejected, or (for a changed tree size) is judged exactly as an independent
 * verifier written from the RFC's recursive definitions judges it.
 */
class ProofVerificationTest {
  private static final int MAX = 100;
  private static final List<Hash> LEAVES = NaiveMerkle.leafHashes(0, MAX + 1);
  private static final Hash[] ROOTS = new Hash[MAX + 2];
  private static final Hash OTHER = Rfc6962.leafHash(new byte[] {42});
  /** Proofs come from MerkleTree (MerkleTreeTest checks them against the RFC recursion). */
  private static final MemoryHashReader READER = new MemoryHashReader(LEAVES);

  static {
    for (int n = 0; n <= MAX + 1; n++) {
      ROOTS[n] = NaiveMerkle.mth(LEAVES, 0, n);
    }
  }

  private static List<Hash> flipped(List<Hash> proof, int j) {
    List<Hash> out = new ArrayList<>(proof);
    out.set(j, proof.get(j).flipBit((j * 37 + 11) % 256));
    return out;
  }

  private static List<Hash> appended(List<Hash> proof, Hash h) {
    List<Hash> out = new ArrayList<>(proof);
    out.add(h);
    return out;
  }

  // ---- inclusion ----

  private static ProofException rejectInclusion(
      Hash leaf, long i, long n, List<Hash> proof, Hash root) {
    return assertThrows(ProofException.class,
        () -> MerkleTree.verifyInclusion(leaf, i, n, proof, root), "leaf " + i + " size " + n);
  }

  /** Verification must agree with the independent recursive verifier. */
  private static boolean inclusionAgrees(Hash leaf, long i, long n, List<Hash> proof, Hash root) {
    boolean naive = root.equals(NaiveMerkle.rootFromPath(leaf, i, n, proof));
    try {
      MerkleTree.verifyInclusion(leaf, i, n, proof, root);
      if (!naive) {
        fail("accepted leaf " + i + " size " + n + " which the RFC definition rejects");
      }
      return true;
    } catch (ProofException e) {
      if (naive) {
        fail("rejected leaf " + i + " size " + n + " which the RFC definition accepts");
      }
      return false;
    }
  }

  @Test
  void everyInclusionProofVerifiesAndEveryMutationIsRejected() throws Exception {
    int sizeMutationsAccepted = 0;
    for (int n = 1; n <= MAX; n++) {
      Hash root = ROOTS[n];
      for (int i = 0; i < n; i++) {
        Hash leaf = LEAVES.get(i);
        List<Hash> proof = MerkleTree.proveInclusion(i, n, READER);
        MerkleTree.verifyInclusion(leaf, i, n, proof, root);

        for (int j = 0; j < proof.size(); j++) {
          ProofException e = rejectInclusion(leaf, i, n, flipped(proof, j), root);
          assertEquals(Reason.ROOT_MISMATCH, e.reason());
          assertEquals(i, e.index());
          assertEquals(n, e.size());
          assertEquals(root, e.expectedRoot());
        }
        assertEquals(Reason.WRONG_PROOF_LENGTH,
            rejectInclusion(leaf, i, n, appended(proof, OTHER), root).reason());
        assertEquals(Reason.WRONG_PROOF_LENGTH,
            rejectInclusion(leaf, i, n, appended(proof, root), root).reason());
        if (!proof.isEmpty()) {
          assertEquals(Reason.WRONG_PROOF_LENGTH,
              rejectInclusion(leaf, i, n, proof.subList(0, proof.size() - 1), root).reason());
        }
        rejectInclusion(leaf.flipBit(3), i, n, proof, root);
        rejectInclusion(leaf, i, n, proof, root.flipBit(200));
        rejectInclusion(leaf, i, n, proof, ROOTS[n + 1]);
        rejectInclusion(leaf, i, n, proof, Rfc6962.emptyRoot());

        // A wrong index is always rejected (and the naive verifier agrees).
        if (i + 1 < n) {
          rejectInclusion(leaf, i + 1, n, proof, root);
          assertEquals(false, inclusionAgrees(leaf, i + 1, n, proof, root));
        }
        if (i > 0) {
          rejectInclusion(leaf, i - 1, n, proof, root);
          assertEquals(false, inclusionAgrees(leaf, i - 1, n, proof, root));
        }
        // A wrong size: the proof carries only the path's shape, so a size whose path for
        // leaf i has the same shape cannot be told apart (RFC 9162 accepts it); every other
        // size must be rejected. The recursive verifier is the judge.
        sizeMutationsAccepted += inclusionAgrees(leaf, i, n + 1, proof, root) ? 1 : 0;
        if (n - 1 > i) {
          sizeMutationsAccepted += inclusionAgrees(leaf, i, n - 1, proof, root) ? 1 : 0;
        }
        // What a signed checkpoint of the neighbouring size would give: that size with its own
        // root. This pair is always rejected.
        rejectInclusion(leaf, i, n + 1, proof, ROOTS[n + 1]);
        if (n - 1 > i) {
          rejectInclusion(leaf, i, n - 1, proof, ROOTS[n - 1]);
        }
        assertEquals(Reason.INVALID_INPUT, rejectInclusion(leaf, i, i, proof, root).reason());
      }
    }
    // Documented, expected: e.g. leaf 0's path in a tree of 3 has the shape of its path in 4.
    assertTrue(sizeMutationsAccepted > 0);
    MerkleTree.verifyInclusion(LEAVES.get(0), 0, 4, NaiveMerkle.path(LEAVES, 0, 0, 3), ROOTS[3]);
  }

  @Test
  void inclusionInvalidInputs() {
    Hash h = LEAVES.get(0);
    for (long[] in : new long[][] {{0, 0}, {1, 1}, {-1, 5}, {5, 5}, {0, -1}}) {
      ProofException e = rejectInclusion(h, in[0], in[1], List.of(), h);
      assertEquals(Reason.INVALID_INPUT, e.reason());
      assertEquals(in[0], e.index());
    }
  }

  // ---- consistency ----

  private static ProofException rejectConsistency(
      long m, long n, List<Hash> proof, Hash root1, Hash root2) {
    return assertThrows(ProofException.class,
        () -> MerkleTree.verifyConsistency(m, n, proof, root1, root2), "sizes " + m + "->" + n);
  }

  private static boolean consistencyAgrees(
      long m, long n, List<Hash> proof, Hash root1, Hash root2) {
    boolean naive = NaiveMerkle.consistent(m, n, proof, root1, root2);
    try {
      MerkleTree.verifyConsistency(m, n, proof, root1, root2);
      if (!naive) {
        fail("accepted sizes " + m + " -> " + n + " which the RFC definition rejects");
      }
      return true;
    } catch (ProofException e) {
      if (naive) {
        fail("rejected sizes " + m + " -> " + n + " which the RFC definition accepts");
      }
      return false;
    }
  }

  @Test
  void everyConsistencyProofVerifiesAndEveryMutationIsRejected() throws Exception {
    for (int n = 0; n <= MAX; n++) {
      for (int m = 0; m <= n; m++) {
        Hash r1 = ROOTS[m];
        Hash r2 = ROOTS[n];
        List<Hash> proof = MerkleTree.proveConsistency(m, n, READER);
        MerkleTree.verifyConsistency(m, n, proof, r1, r2);
        assertTrue(NaiveMerkle.consistent(m, n, proof, r1, r2));

        for (int j = 0; j < proof.size(); j++) {
          ProofException e = rejectConsistency(m, n, flipped(proof, j), r1, r2);
          assertTrue(e.reason() == Reason.ROOT_MISMATCH || e.reason() == Reason.OLD_ROOT_MISMATCH);
          assertEquals(m, e.oldSize());
          assertEquals(n, e.size());
        }
        assertEquals(Reason.WRONG_PROOF_LENGTH,
            rejectConsistency(m, n, appended(proof, OTHER), r1, r2).reason());
        assertEquals(Reason.WRONG_PROOF_LENGTH,
            rejectConsistency(m, n, appended(proof, r2), r1, r2).reason());
        if (!proof.isEmpty()) {
          assertEquals(Reason.WRONG_PROOF_LENGTH,
              rejectConsistency(m, n, proof.subList(0, proof.size() - 1), r1, r2).reason());
          List<Hash> preceded = new ArrayList<>(proof);
          preceded.add(0, r1);
          rejectConsistency(m, n, preceded, r1, r2);
        }
        rejectConsistency(m, n, proof, r1.flipBit(7), r2);
        if (m > 0) { // any tree extends the empty tree: root2 does not matter for m == 0
          rejectConsistency(m, n, proof, r1, r2.flipBit(100));
        }
        if (m < n) {
          rejectConsistency(m, n, proof, r2, r1);
        }
        // A wrong old size is always rejected. A wrong new size is judged exactly as the
        // recursive definition judges it: like an inclusion proof, the proof carries only the
        // shape of the new tree's right edge, so a neighbouring size with the same shape is
        // accepted against the same root (e.g. 98 -> 100 passes as 98 -> 99). Only the signed
        // (size, root) pair of a checkpoint binds the size.
        for (long m2 : new long[] {m - 1, m + 1}) {
          if (m2 >= 0) {
            rejectConsistency(m2, n, proof, r1, r2);
            assertEquals(false, consistencyAgrees(m2, n, proof, r1, r2));
          }
        }
        // Either size moved by one together with its own root, as two signed checkpoints of
        // those sizes would give them, is always rejected for a non-trivial proof.
        if (m > 0 && m < n) {
          rejectConsistency(m, n + 1, proof, r1, ROOTS[n + 1]);
          rejectConsistency(m, n - 1, proof, r1, ROOTS[n - 1]);
          rejectConsistency(m + 1, n, proof, ROOTS[m + 1], r2);
          if (m - 1 > 0) {
            rejectConsistency(m - 1, n, proof, ROOTS[m - 1], r2);
          }
        }
        consistencyAgrees(m, n + 1, proof, r1, r2);
        if (n > 0) {
          consistencyAgrees(m, n - 1, proof, r1, r2);
        }
      }
    }
  }

  @Test
  void consistencyEdgeCases() throws ProofException {
    Hash empty = Rfc6962.emptyRoot();
    Hash r5 = ROOTS[5];
    // size1 == 0: empty proof and the empty tree's root.
    MerkleTree.verifyConsistency(0, 0, List.of(), empty, empty);
    MerkleTree.verifyConsistency(0, 5, List.of(), empty, r5);
    assertEquals(Reason.OLD_ROOT_MISMATCH,
        rejectConsistency(0, 5, List.of(), r5, r5).reason());
    assertEquals(Reason.WRONG_PROOF_LENGTH,
        rejectConsistency(0, 5, List.of(empty), empty, r5).reason());
    // size1 == size2: empty proof and equal roots.
    MerkleTree.verifyConsistency(5, 5, List.of(), r5, r5);
    ProofException e = rejectConsistency(5, 5, List.of(), r5, ROOTS[4]);
    assertEquals(Reason.ROOT_MISMATCH, e.reason());
    assertEquals(r5, e.expectedRoot());
    assertEquals(ROOTS[4], e.computedRoot());
    assertEquals(Reason.WRONG_PROOF_LENGTH,
        rejectConsistency(5, 5, List.of(r5), r5, r5).reason());
    // size1 > size2, negative sizes.
    assertEquals(Reason.INVALID_INPUT, rejectConsistency(6, 5, List.of(), r5, r5).reason());
    assertEquals(Reason.INVALID_INPUT, rejectConsistency(-1, 5, List.of(), r5, r5).reason());
    // 0 < size1 < size2 with an empty proof.
    assertEquals(Reason.WRONG_PROOF_LENGTH,
        rejectConsistency(1, 2, List.of(), ROOTS[1], ROOTS[2]).reason());
  }
}
