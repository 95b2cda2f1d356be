package dev.toolseal.tlog;

import dev.toolseal.tlog.ProofException.Reason;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * RFC 9162 section 2.1 Merkle tree math: tree heads, inclusion proofs and consistency proofs,
 * both produced (from stored hashes) and verified.
 *
 * <p>Producing works in two steps, after golang.org/x/mod/sumdb/tlog: first work out which
 * stored subtree hashes the answer needs, read them all through one {@link HashReader} call,
 * then compute. Verifying is the RFC 9162 algorithm to the letter, so a proof with one hash too
 * many or too few is rejected.
 */
public final class MerkleTree {
  private MerkleTree() {}

  /** The leaves {@code [lo, hi)} of a tree, whose hash is MTH(D[lo:hi]). */
  private record Range(long lo, long hi) {
    /** The complete subtrees making up the range, left to right, largest first. */
    void addNodes(List<NodeId> out) {
      long at = lo;
      while (at < hi) {
        long k = Long.highestOneBit(hi - at);
        if ((at & (k - 1)) != 0) {
          throw new IllegalStateException("range [" + lo + ", " + hi + ") is not RFC-aligned");
        }
        int level = Long.numberOfTrailingZeros(k);
        out.add(new NodeId(level, at >> level));
        at += k;
      }
    }
  }

  /** MTH of the first {@code size} leaves; the empty tree's root for size 0. */
  public static Hash treeHash(long size, HashReader reader) throws IOException {
    if (size < 0) {
      throw new IllegalArgumentException("negative tree size " + size);
    }
    if (size == 0) {
      return Rfc6962.emptyRoot();
    }
    return hashRanges(List.of(new Range(0, size)), reader).get(0);
  }

  /** The RFC 9162 section 2.1.3.1 inclusion proof PATH(index, D[0:size]), bottom up. */
  public static List<Hash> proveInclusion(long index, long size, HashReader reader)
      throws IOException {
    if (index < 0 || index >= size) {
      throw new IllegalArgumentException("leaf " + index + " is not in a tree of size " + size);
    }
    List<Range> siblings = new ArrayList<>();
    long lo = 0;
    long hi = size;
    while (hi - lo > 1) {
      long k = Long.highestOneBit(hi - lo - 1);
      if (index < lo + k) {
        siblings.add(new Range(lo + k, hi));
        hi = lo + k;
      } else {
        siblings.add(new Range(lo, lo + k));
        lo += k;
      }
    }
    Collections.reverse(siblings);
    return hashRanges(siblings, reader);
  }

  /**
   * The RFC 9162 section 2.1.4.1 consistency proof PROOF(size1, D[0:size2]). Empty when
   * {@code size1} is 0 or equal to {@code size2}.
   */
  public static List<Hash> proveConsistency(long size1, long size2, HashReader reader)
      throws IOException {
    if (size1 < 0 || size1 > size2) {
      throw new IllegalArgumentException("no consistency proof from " + size1 + " to " + size2);
    }
    if (size1 == 0 || size1 == size2) {
      return List.of();
    }
    List<Range> parts = new ArrayList<>();
    long lo = 0;
    long hi = size2;
    boolean wholeOldTree = true;
    while (size1 != hi) {
      long k = Long.highestOneBit(hi - lo - 1);
      if (size1 <= lo + k) {
        parts.add(new Range(lo + k, hi));
        hi = lo + k;
      } else {
        parts.add(new Range(lo, lo + k));
        lo += k;
        wholeOldTree = false;
      }
    }
    if (!wholeOldTree) {
      parts.add(new Range(lo, hi));
    }
    Collections.reverse(parts);
    return hashRanges(parts, reader);
  }

  /**
   * Verifies an inclusion proof exactly as RFC 9162 section 2.1.3.2 says.
   *
   * @throws ProofException if {@code index >= size}, the proof length is wrong for the index and
   *     size, or the computed root differs from {@code root}
   */
  public static void verifyInclusion(
      Hash leafHash, long index, long size, List<Hash> proof, Hash root) throws ProofException {
    Objects.requireNonNull(leafHash, "leafHash");
    Objects.requireNonNull(root, "root");
    if (index < 0 || size <= 0 || index >= size) {
      throw ProofException.inclusion(Reason.INVALID_INPUT, index, size, null, null,
          "the leaf is not in the tree");
    }
    long fn = index;
    long sn = size - 1;
    Hash r = leafHash;
    for (Hash p : proof) {
      Objects.requireNonNull(p, "proof hash");
      if (sn == 0) {
        throw ProofException.inclusion(Reason.WRONG_PROOF_LENGTH, index, size, null, null,
            "the proof has " + proof.size() + " hashes, too many");
      }
      if ((fn & 1) == 1 || fn == sn) {
        r = Rfc6962.nodeHash(p, r);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        r = Rfc6962.nodeHash(r, p);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw ProofException.inclusion(Reason.WRONG_PROOF_LENGTH, index, size, null, null,
          "the proof has " + proof.size() + " hashes, too few");
    }
    if (!r.equals(root)) {
      throw ProofException.inclusion(Reason.ROOT_MISMATCH, index, size, root, r,
          "the proof does not lead to the root");
    }
  }

  /**
   * Verifies a consistency proof. For {@code 0 < size1 < size2} this is RFC 9162 section
   * 2.1.4.2 exactly. Outside that range, where the RFC has no algorithm: {@code size1 > size2}
   * or a negative size fails; {@code size1 == size2} requires an empty proof and
   * {@code root1 == root2}; {@code size1 == 0} requires an empty proof and {@code root1} to be
   * the empty tree's root (any tree extends the empty tree).
   */
  public static void verifyConsistency(
      long size1, long size2, List<Hash> proof, Hash root1, Hash root2) throws ProofException {
    Objects.requireNonNull(root1, "root1");
    Objects.requireNonNull(root2, "root2");
    if (size1 < 0 || size1 > size2) {
      throw ProofException.consistency(Reason.INVALID_INPUT, size1, size2, null, null,
          "the old tree is larger than the new one");
    }
    if (size1 == 0 || size1 == size2) {
      verifyTrivialConsistency(size1, size2, proof, root1, root2);
      return;
    }
    if (proof.isEmpty()) {
      throw ProofException.consistency(Reason.WRONG_PROOF_LENGTH, size1, size2, null, null,
          "the proof is empty");
    }
    List<Hash> path = new ArrayList<>(proof.size() + 1);
    if (Long.bitCount(size1) == 1) {
      path.add(root1);
    }
    for (Hash p : proof) {
      path.add(Objects.requireNonNull(p, "proof hash"));
    }
    long fn = size1 - 1;
    long sn = size2 - 1;
    while ((fn & 1) == 1) {
      fn >>= 1;
      sn >>= 1;
    }
    Hash fr = path.get(0);
    Hash sr = path.get(0);
    for (Hash c : path.subList(1, path.size())) {
      if (sn == 0) {
        throw ProofException.consistency(Reason.WRONG_PROOF_LENGTH, size1, size2, null, null,
            "the proof has " + proof.size() + " hashes, too many");
      }
      if ((fn & 1) == 1 || fn == sn) {
        fr = Rfc6962.nodeHash(c, fr);
        sr = Rfc6962.nodeHash(c, sr);
        while ((fn & 1) == 0 && fn != 0) {
          fn >>= 1;
          sn >>= 1;
        }
      } else {
        sr = Rfc6962.nodeHash(sr, c);
      }
      fn >>= 1;
      sn >>= 1;
    }
    if (sn != 0) {
      throw ProofException.consistency(Reason.WRONG_PROOF_LENGTH, size1, size2, null, null,
          "the proof has " + proof.size() + " hashes, too few");
    }
    if (!fr.equals(root1)) {
      throw ProofException.consistency(Reason.OLD_ROOT_MISMATCH, size1, size2, root1, fr,
          "the proof does not lead to the old root");
    }
    if (!sr.equals(root2)) {
      throw ProofException.consistency(Reason.ROOT_MISMATCH, size1, size2, root2, sr,
          "the proof does not lead to the new root");
    }
  }

  private static void verifyTrivialConsistency(
      long size1, long size2, List<Hash> proof, Hash root1, Hash root2) throws ProofException {
    if (!proof.isEmpty()) {
      throw ProofException.consistency(Reason.WRONG_PROOF_LENGTH, size1, size2, null, null,
          "the proof must be empty, it has " + proof.size() + " hashes");
    }
    if (size1 == 0 && !root1.equals(Rfc6962.emptyRoot())) {
      throw ProofException.consistency(Reason.OLD_ROOT_MISMATCH, size1, size2,
          Rfc6962.emptyRoot(), root1, "the old root is not the empty tree's root");
    }
    if (size1 == size2 && !root1.equals(root2)) {
      throw ProofException.consistency(Reason.ROOT_MISMATCH, size1, size2, root1, root2,
          "trees of equal size have different roots");
    }
  }

  /** Hashes each range, reading every stored node they need in one call. */
  private static List<Hash> hashRanges(List<Range> ranges, HashReader reader)
      throws IOException {
    if (ranges.isEmpty()) {
      return List.of();
    }
    List<NodeId> ids = new ArrayList<>();
    int[] ends = new int[ranges.size()];
    for (int i = 0; i < ranges.size(); i++) {
      ranges.get(i).addNodes(ids);
      ends[i] = ids.size();
    }
    List<Hash> stored = reader.readHashes(Collections.unmodifiableList(ids));
    if (stored == null || stored.size() != ids.size() || hasNull(stored)) {
      throw new IOException("hash reader answered " + (stored == null ? "null" : stored.size())
          + " hashes (or a null one) for " + ids.size() + " nodes");
    }
    List<Hash> out = new ArrayList<>(ranges.size());
    int start = 0;
    for (int end : ends) {
      Hash h = stored.get(end - 1);
      for (int j = end - 2; j >= start; j--) {
        h = Rfc6962.nodeHash(stored.get(j), h);
      }
      out.add(h);
      start = end;
    }
    return List.copyOf(out);
  }

  private static boolean hasNull(List<Hash> hashes) {
    for (Hash h : hashes) {
      if (h == null) {
        return true;
      }
    }
    return false;
  }
}
