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
    int k = 1;
    while (k * 2 < n) {
      k *= 2;
    }
    return Rfc6962.nodeHash(mth(leafHashes, lo, lo + k), mth(leafHashes, lo + k, hi));
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
