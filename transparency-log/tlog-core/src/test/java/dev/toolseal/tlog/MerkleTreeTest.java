package dev.toolseal.tlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.toolseal.tlog.ProofException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Roots and proof production against the RFC's recursive definitions, for every small tree. */
class MerkleTreeTest {
  private static final int MAX = 300;
  private static final List<Hash> LEAVES = NaiveMerkle.leafHashes(0, MAX);
  private static final MemoryHashReader READER = new MemoryHashReader(LEAVES);

  @Test
  void rootOfEveryTreeSizeUpTo300MatchesTheNaiveDefinition() throws IOException {
    assertEquals(Rfc6962.emptyRoot(), MerkleTree.treeHash(0, READER));
    for (int n = 0; n <= MAX; n++) {
      int calls = READER.calls();
      assertEquals(NaiveMerkle.mth(LEAVES, 0, n), MerkleTree.treeHash(n, READER), "size " + n);
      assertEquals(n == 0 ? calls : calls + 1, READER.calls(), "one read per root");
    }
  }

  @Test
  void inclusionProofsAreRfcPathsReadInOneCall() throws IOException {
    for (int n = 1; n <= 130; n++) {
      for (int i = 0; i < n; i++) {
        int calls = READER.calls();
        List<Hash> proof = MerkleTree.proveInclusion(i, n, READER);
        assertEquals(NaiveMerkle.path(LEAVES, i, 0, n), proof, "leaf " + i + " size " + n);
        assertEquals(n == 1 ? calls : calls + 1, READER.calls());
      }
    }
  }

  @Test
  void consistencyProofsAreRfcSubproofsReadInOneCall() throws IOException {
    for (int n = 0; n <= 130; n++) {
      for (int m = 0; m <= n; m++) {
        int calls = READER.calls();
        List<Hash> proof = MerkleTree.proveConsistency(m, n, READER);
        List<Hash> want =
            m == 0 || m == n ? List.of() : NaiveMerkle.subproof(LEAVES, m, 0, n, true);
        assertEquals(want, proof, "sizes " + m + " -> " + n);
        assertEquals(want.isEmpty() ? calls : calls + 1, READER.calls());
      }
    }
  }

  @Test
  void proofsForTreesNearTheLargestSizeWork() throws IOException, ProofException {
    // A real tree too big to store: every leaf is the same, so the complete subtree of level l
    // has the same hash wherever it is, computable in l steps.
    Hash[] perfect = new Hash[NodeId.MAX_LEVEL + 1];
    perfect[0] = Rfc6962.leafHash("same".getBytes(UTF_8));
    for (int l = 1; l <= NodeId.MAX_LEVEL; l++) {
      perfect[l] = Rfc6962.nodeHash(perfect[l - 1], perfect[l - 1]);
    }
    long n = Long.MAX_VALUE - 5;
    List<List<NodeId>> asked = new ArrayList<>();
    HashReader uniform = ids -> {
      asked.add(ids);
      List<Hash> out = new ArrayList<>();
      for (NodeId id : ids) {
        if (id.endLeaf() > n) {
          throw new IOException("node " + id + " is outside the tree");
        }
        out.add(perfect[id.level()]);
      }
      return out;
    };
    Hash root = MerkleTree.treeHash(n, uniform);
    for (long i : new long[] {0, n / 2, n - 2, n - 1}) {
      List<Hash> proof = MerkleTree.proveInclusion(i, n, uniform);
      assertEquals(root, NaiveMerkle.rootFromPath(perfect[0], i, n, proof));
      MerkleTree.verifyInclusion(perfect[0], i, n, proof, root);
    }
    for (long m : new long[] {1, n / 3, 1L << 62, n - 1}) {
      Hash oldRoot = MerkleTree.treeHash(m, uniform);
      List<Hash> proof = MerkleTree.proveConsistency(m, n, uniform);
      assertTrue(NaiveMerkle.consistent(m, n, proof, oldRoot, root));
      MerkleTree.verifyConsistency(m, n, proof, oldRoot, root);
    }
    for (List<NodeId> ids : asked) {
      assertTrue(ids.size() <= 2 * 63, "nodes read in one call: " + ids.size());
    }
  }

  @Test
  void aReaderThatBreaksItsContractIsAnIoException() {
    assertThrows(IOException.class, () -> MerkleTree.treeHash(5, ids -> List.of()));
    assertThrows(IOException.class, () -> MerkleTree.proveInclusion(1, 5, ids -> null));
    List<Hash> withNull = new ArrayList<>();
    withNull.add(null);
    withNull.add(null);
    assertThrows(IOException.class, () -> MerkleTree.treeHash(3, ids -> withNull));
  }

  @Test
  void rejectsImpossibleRequests() {
    assertThrows(IllegalArgumentException.class, () -> MerkleTree.treeHash(-1, READER));
    assertThrows(IllegalArgumentException.class, () -> MerkleTree.proveInclusion(0, 0, READER));
    assertThrows(IllegalArgumentException.class, () -> MerkleTree.proveInclusion(5, 5, READER));
    assertThrows(IllegalArgumentException.class, () -> MerkleTree.proveInclusion(-1, 5, READER));
    assertThrows(IllegalArgumentException.class,
        () -> MerkleTree.proveConsistency(6, 5, READER));
    assertThrows(IllegalArgumentException.class,
        () -> MerkleTree.proveConsistency(-1, 5, READER));
  }

  @Test
  void naiveOracleRejectsWhatItShould() {
    // The test oracle itself must be able to say no.
    Hash leaf = LEAVES.get(0);
    assertNull(NaiveMerkle.rootFromPath(leaf, 0, 2, List.of()));
    assertNotEquals(NaiveMerkle.mth(LEAVES, 0, 2),
        NaiveMerkle.rootFromPath(leaf, 0, 2, List.of(LEAVES.get(2))));
    assertEquals(false, NaiveMerkle.consistent(1, 2, List.of(), leaf, leaf));
  }

  @Test
  void proofExceptionCarriesEvidence() {
    Hash root = NaiveMerkle.mth(LEAVES, 0, 5);
    ProofException e = assertThrows(ProofException.class, () -> MerkleTree.verifyInclusion(
        LEAVES.get(1), 1, 5, NaiveMerkle.path(LEAVES, 2, 0, 5), root));
    assertEquals(Reason.ROOT_MISMATCH, e.reason());
    assertEquals(1, e.index());
    assertEquals(5, e.size());
    assertEquals(-1, e.oldSize());
    assertEquals(root, e.expectedRoot());
    assertNotEquals(root, e.computedRoot());
  }
}
