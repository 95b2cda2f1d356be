package dev.toolseal.verifier.log;

import dev.toolseal.tlog.Hash;
import java.util.List;

/**
 * A consistency proof between two sizes of one log, as shipped with offline evidence.
 *
 * @param origin the log's origin
 * @param oldSize the smaller tree size
 * @param newSize the larger tree size
 * @param hashes the RFC 9162 proof, at most 126 hashes
 */
public record ConsistencyProof(String origin, long oldSize, long newSize, List<Hash> hashes) {
  /** A consistency proof between trees of at most 2^63-1 leaves has fewer hashes than this. */
  public static final int MAX_HASHES = 126;

  public ConsistencyProof {
    hashes = List.copyOf(hashes);
    if (origin == null || origin.isEmpty() || oldSize < 0 || newSize < oldSize
        || hashes.size() > MAX_HASHES) {
      throw new IllegalArgumentException("not a consistency proof between two log sizes");
    }
  }
}
