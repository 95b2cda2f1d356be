package dev.toolseal.tlog;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The Merkle tree hash written straight from the RFC 9162 section 2.1.1 definition, sharing
 * nothing with the main code but {@link Rfc6962}'s leaf and node hash functions. Test oracle.
 */
public final class NaiveMerkle {
  private NaiveMerkle() {}

  /** MTH(D[lo:hi]) over leaf hashes. */
  public static Hash mth(List<Hash> leafHashes, int lo, int hi) {
    int n = hi - lo;
    if (n == 0) {
      return Rfc6962.emptyRoot();
    }
    if (n == 1) {
      return leafHashes.get(lo);
    }
    int k = split(n);
    return Rfc6962.nodeHash(mth(leafHashes, lo, lo + k), mth(leafHashes, lo + k, hi));
  }

  private static int split(int n) {
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return k;
  }

  /** PATH(m, D[lo:hi]) of RFC 9162 section 2.1.3.1, by its recursive definition. */
  public static List<Hash> path(List<Hash> d, int m, int lo, int hi) {
    List<Hash> out = new ArrayList<>();
    if (hi - lo > 1) {
      int k = split(hi - lo);
      if (m < k) {
        out.addAll(path(d, m, lo, lo + k));
        out.add(mth(d, lo + k, hi));
      } else {
        out.addAll(path(d, m - k, lo + k, hi));
        out.add(mth(d, lo, lo + k));
      }
    }
    return out;
  }

  /** SUBPROOF(m, D[lo:hi], b) of RFC 9162 section 2.1.4.1, by its recursive definition. */
  public static List<Hash> subproof(List<Hash> d, int m, int lo, int hi, boolean b) {
    List<Hash> out = new ArrayList<>();
    int n = hi - lo;
    if (m == n) {
      if (!b) {
        out.add(mth(d, lo, hi));
      }
      return out;
    }
    int k = split(n);
    if (m <= k) {
      out.addAll(subproof(d, m, lo, lo + k, b));
      out.add(mth(d, lo + k, hi));
    } else {
      out.addAll(subproof(d, m - k, lo + k, hi, false));
      out.add(mth(d, lo, lo + k));
    }
    return out;
  }

  /**
   * The root an inclusion proof implies, by walking PATH's recursion backwards (last proof hash
   * = top of the tree); null when the proof has the wrong length for (m, n).
   */
  public static Hash rootFromPath(Hash leaf, long m, long n, List<Hash> proof) {
    if (m < 0 || m >= n) {
      return null;
    }
    if (n == 1) {
      return proof.isEmpty() ? leaf : null;
    }
    if (proof.isEmpty()) {
      return null;
    }
    long k = Long.highestOneBit(n - 1);
    Hash s = proof.get(proof.size() - 1);
    List<Hash> rest = proof.subList(0, proof.size() - 1);
    if (m < k) {
      Hash left = rootFromPath(leaf, m, k, rest);
      return left == null ? null : Rfc6962.nodeHash(left, s);
    }
    Hash right = rootFromPath(leaf, m - k, n - k, rest);
    return right == null ? null : Rfc6962.nodeHash(s, right);
  }

  /**
   * Whether a consistency proof is valid, by walking SUBPROOF's recursion backwards. Outside
   * {@code 0 < m < n} it applies the edge rules documented on MerkleTree.verifyConsistency.
   */
  public static boolean consistent(long m, long n, List<Hash> proof, Hash root1, Hash root2) {
    if (m < 0 || m > n) {
      return false;
    }
    if (m == 0 || m == n) {
      return proof.isEmpty()
          && (m != 0 || root1.equals(Rfc6962.emptyRoot()))
          && (m != n || root1.equals(root2));
    }
    Hash[] ow = oldAndNew(m, n, true, proof, root1);
    return ow != null && ow[0].equals(root1) && ow[1].equals(root2);
  }

  /** {old part's hash, whole range's hash} for SUBPROOF(m, range of n, b); null if malformed. */
  private static Hash[] oldAndNew(long m, long n, boolean b, List<Hash> proof, Hash root1) {
    if (m == n) {
      if (b) {
        return proof.isEmpty() ? new Hash[] {root1, root1} : null;
      }
      return proof.size() == 1 ? new Hash[] {proof.get(0), proof.get(0)} : null;
    }
    if (proof.isEmpty()) {
      return null;
    }
    long k = Long.highestOneBit(n - 1);
    Hash s = proof.get(proof.size() - 1);
    List<Hash> rest = proof.subList(0, proof.size() - 1);
    if (m <= k) {
      Hash[] ow = oldAndNew(m, k, b, rest, root1);
      return ow == null ? null : new Hash[] {ow[0], Rfc6962.nodeHash(ow[1], s)};
    }
    Hash[] ow = oldAndNew(m - k, n - k, false, rest, root1);
    return ow == null
        ? null
        : new Hash[] {Rfc6962.nodeHash(s, ow[0]), Rfc6962.nodeHash(s, ow[1])};
  }

  public static Hash mth(List<Hash> leafHashes) {
    return mth(leafHashes, 0, leafHashes.size());
  }

  /** Deterministic leaf data for tests: "leaf-<i>" in ASCII. */
  public static byte[] leafData(long i) {
    return ("leaf-" + i).getBytes(StandardCharsets.US_ASCII);
  }

  /** Leaf hashes of {@link #leafData} for leaves {@code [from, to)}. */
  public static List<Hash> leafHashes(long from, long to) {
    List<Hash> out = new ArrayList<>((int) (to - from));
    for (long i = from; i < to; i++) {
      out.add(Rfc6962.leafHash(leafData(i)));
    }
    return out;
  }
}
