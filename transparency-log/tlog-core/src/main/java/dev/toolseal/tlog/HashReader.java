package dev.toolseal.tlog;

import java.io.IOException;
import java.util.List;

/**
 * Reads stored Merkle tree node hashes. Proof and root computations ask for everything they need
 * in one call, so an implementation can batch its storage access.
 *
 * <p>Contract: the result has exactly one hash per requested id, in the order asked (the list may
 * repeat an id); a node that is unknown or unreadable is an {@link IOException}, never a guess.
 * Callers only ask for complete subtrees of the tree they are working on.
 */
@FunctionalInterface
public interface HashReader {
  List<Hash> readHashes(List<NodeId> ids) throws IOException;
}
