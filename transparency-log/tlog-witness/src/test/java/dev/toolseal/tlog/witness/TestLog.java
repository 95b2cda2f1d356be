package dev.toolseal.tlog.witness;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.HashReader;
import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.NodeId;
import dev.toolseal.tlog.Rfc6962;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.note.Note;
import dev.toolseal.tlog.note.NoteSigner;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A log in memory for tests: leaves named by a prefix (two prefixes under one key make a fork),
 * signed checkpoints at any size and consistency proofs between sizes.
 */
final class TestLog {
  private final NoteSigner key;
  private final String prefix;
  private final long forkAt;
  private final List<Hash> leaves = new ArrayList<>();

  TestLog(NoteSigner key, String prefix, int size) {
    this(key, prefix, size, Long.MAX_VALUE);
  }

  private TestLog(NoteSigner key, String prefix, int size, long forkAt) {
    this.key = key;
    this.prefix = prefix;
    this.forkAt = forkAt;
    grow(size);
  }

  /** A log under the same key with the same first {@code at} leaves and different ones after. */
  TestLog forkAt(long at, int size) {
    return new TestLog(key, prefix, size, at);
  }

  void grow(int size) {
    while (leaves.size() < size) {
      String name = (leaves.size() < forkAt ? prefix : prefix + "-fork") + leaves.size();
      leaves.add(Rfc6962.leafHash(name.getBytes(StandardCharsets.UTF_8)));
    }
  }

  NoteSigner key() {
    return key;
  }

  Hash root(long size) {
    try {
      return MerkleTree.treeHash(size, reader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  byte[] signed(long size) {
    return Note.sign(new Checkpoint(key.name(), size, root(size)).format(), key);
  }

  List<Hash> proof(long from, long to) {
    try {
      return MerkleTree.proveConsistency(from, to, reader());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The request a well-behaved log sends to go from {@code from} to {@code to}. */
  AddCheckpointRequest request(long from, long to) {
    return new AddCheckpointRequest(from, proof(from, to), signed(to));
  }

  private HashReader reader() {
    return ids -> {
      List<Hash> out = new ArrayList<>();
      for (NodeId id : ids) {
        out.add(subtree(id.index() << id.level(), 1L << id.level()));
      }
      return out;
    };
  }

  private Hash subtree(long lo, long n) throws IOException {
    if (lo + n > leaves.size()) {
      throw new IOException("no node for leaves " + lo + "+" + n);
    }
    if (n == 1) {
      return leaves.get((int) lo);
    }
    return Rfc6962.nodeHash(subtree(lo, n / 2), subtree(lo + n / 2, n / 2));
  }
}
