/**
 * RFC 6962 / RFC 9162 Merkle trees: {@link dev.toolseal.tlog.Hash}, leaf and node hashing
 * ({@link dev.toolseal.tlog.Rfc6962}), and {@link dev.toolseal.tlog.MerkleTree}, which computes
 * tree heads and produces and verifies inclusion and consistency proofs.
 *
 * <p>Wire format: a proof is a list of 32-byte SHA-256 hashes, bottom up, exactly as RFC 9162
 * sections 2.1.3 and 2.1.4 define it. Stored hashes are addressed by {@link
 * dev.toolseal.tlog.NodeId} (level, index) and read through the one-method {@link
 * dev.toolseal.tlog.HashReader}; verification failures are {@link
 * dev.toolseal.tlog.ProofException}s that carry the sizes and roots involved.
 *
 * <p>Example: {@code MerkleTreeTest} (exhaustive against a naive MTH) and {@code VectorsTest}.
 */
package dev.toolseal.tlog;
