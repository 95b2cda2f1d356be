package dev.toolseal.verifier.log;

import dev.toolseal.tlog.Hash;
import java.io.IOException;
import java.util.List;

/**
 * Where a verifier gets the consistency proofs it needs between two checkpoints of a log: the
 * log's read API, or proofs shipped with offline evidence ({@link #offline}).
 *
 * <p>Contract: the answer is the RFC 9162 consistency proof from the tree of {@code oldSize}
 * leaves to the tree of {@code newSize} leaves ({@code 0 < oldSize < newSize}) of the log with
 * this origin, or an {@link IOException} when it cannot be had. Answers are never trusted: the
 * caller checks them against both signed roots.
 */
@FunctionalInterface
public interface LogClient {
  List<Hash> consistencyProof(String origin, long oldSize, long newSize) throws IOException;

  /** A client that has no proofs: every request fails. */
  static LogClient none() {
    return (origin, oldSize, newSize) -> {
      throw new IOException("no consistency proof available for " + origin + " from size "
          + oldSize + " to " + newSize);
    };
  }

  /** A client answering only from {@code proofs}. */
  static LogClient offline(List<ConsistencyProof> proofs) {
    List<ConsistencyProof> copy = List.copyOf(proofs);
    return (origin, oldSize, newSize) -> {
      for (ConsistencyProof p : copy) {
        if (p.origin().equals(origin) && p.oldSize() == oldSize && p.newSize() == newSize) {
          return p.hashes();
        }
      }
      return none().consistencyProof(origin, oldSize, newSize);
    };
  }
}
