package dev.toolseal.verifier.log;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.NodeId;
import dev.toolseal.tlog.Rfc6962;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.CheckpointSigner;
import dev.toolseal.tlog.note.NoteSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A real, in-memory transparency log for tests: leaves, RFC 6962 hashes computed on demand,
 * checkpoints signed with a deterministic Ed25519 note key, proofs from tlog-core's prover.
 */
public final class TestLog {
  private final NoteSigner key;
  private final CheckpointSigner signer;
  private final List<Hash> leaves = new ArrayList<>();

  public TestLog(String origin, int seedByte) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) seedByte);
    this.key = NoteSigner.fromSeed(origin, seed);
    this.signer = new CheckpointSigner(key);
  }

  /** A log with the same key and a copy of this one's leaves, to build forks from. */
  public TestLog copy() {
    TestLog c = new TestLog(key);
    c.leaves.addAll(leaves);
    return c;
  }

  private TestLog(NoteSigner key) {
    this.key = key;
    this.signer = new CheckpointSigner(key);
  }

  public NoteSigner key() {
    return key;
  }

  public String origin() {
    return key.name();
  }

  public LogTrust trust() {
    return LogTrust.of(key.verifier());
  }

  /** Appends a leaf and returns its index. */
  public long append(byte[] leaf) {
    leaves.add(Rfc6962.leafHash(leaf));
    return leaves.size() - 1;
  }

  /** Appends {@code n} distinct filler leaves. */
  public TestLog grow(int n) {
    for (int i = 0; i < n; i++) {
      append(("filler " + leaves.size()).getBytes(StandardCharsets.UTF_8));
    }
    return this;
  }

  public long size() {
    return leaves.size();
  }

  public Hash root(long size) {
    try {
      return MerkleTree.treeHash(size, this::read);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The signed checkpoint note of the current size. */
  public byte[] checkpoint() {
    return checkpoint(size());
  }

  public byte[] checkpoint(long size) {
    return signer.sign(new Checkpoint(origin(), size, root(size)));
  }

  public List<Hash> inclusion(long index, long size) {
    try {
      return MerkleTree.proveInclusion(index, size, this::read);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public List<Hash> consistency(long oldSize, long newSize) {
    try {
      return MerkleTree.proveConsistency(oldSize, newSize, this::read);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A client serving this log's consistency proofs. */
  public LogClient client() {
    return (origin, oldSize, newSize) -> {
      if (!origin.equals(origin()) || newSize > size()) {
        throw new IOException("unknown log or size");
      }
      return consistency(oldSize, newSize);
    };
  }

  private List<Hash> read(List<NodeId> ids) {
    List<Hash> out = new ArrayList<>();
    for (NodeId id : ids) {
      out.add(node(id.level(), id.index()));
    }
    return out;
  }

  private Hash node(int level, long index) {
    if (level == 0) {
      return leaves.get((int) index);
    }
    return Rfc6962.nodeHash(node(level - 1, 2 * index), node(level - 1, 2 * index + 1));
  }
}
