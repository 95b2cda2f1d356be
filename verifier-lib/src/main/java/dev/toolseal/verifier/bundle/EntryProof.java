package dev.toolseal.verifier.bundle;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.CheckpointFormatException;
import dev.toolseal.tlog.note.Note;
import dev.toolseal.tlog.proof.TlogProof;
import dev.toolseal.verifier.log.LogId;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Where one entry sits in the log: the log, the entry's index, the inclusion proof and the signed
 * checkpoint it leads to. {@code treeSize} and {@code rootHash} repeat the checkpoint's (the
 * Sigstore bundle carries both); construction checks that they agree with the checkpoint text,
 * which is not yet verified. Convertible to and from a C2SP tlog-proof@v1 file.
 *
 * @param logId the log's id
 * @param index the entry's index, below {@code treeSize}
 * @param treeSize the checkpoint's tree size
 * @param rootHash the checkpoint's root hash
 * @param hashes the RFC 9162 inclusion proof, at most {@link TlogProof#MAX_PROOF_HASHES}
 * @param checkpoint the signed checkpoint note (copied in and out)
 */
public record EntryProof(LogId logId, long index, long treeSize, Hash rootHash,
    List<Hash> hashes, byte[] checkpoint) {
  public EntryProof {
    Objects.requireNonNull(logId, "logId");
    Objects.requireNonNull(rootHash, "rootHash");
    hashes = List.copyOf(hashes);
    checkpoint = checkpoint.clone();
    if (index < 0 || treeSize <= index) {
      throw new IllegalArgumentException("the index must be inside the tree");
    }
    if (hashes.size() > TlogProof.MAX_PROOF_HASHES) {
      throw new IllegalArgumentException("an inclusion proof has at most "
          + TlogProof.MAX_PROOF_HASHES + " hashes");
    }
    if (checkpoint.length == 0 || checkpoint.length > Note.MAX_BYTES) {
      throw new IllegalArgumentException("a checkpoint note is 1.." + Note.MAX_BYTES + " bytes");
    }
    Checkpoint c = checkpointText(checkpoint)
        .orElseThrow(() -> new IllegalArgumentException("the note is not a checkpoint"));
    if (c.size() != treeSize || !c.root().equals(rootHash)) {
      throw new IllegalArgumentException("tree size or root differ from the checkpoint's");
    }
  }

  /** Builds the proof from a checkpoint note, taking size and root from its (unverified) text. */
  public static EntryProof of(LogId logId, long index, List<Hash> hashes, byte[] checkpoint) {
    Checkpoint c = checkpointText(checkpoint)
        .orElseThrow(() -> new IllegalArgumentException("the note is not a checkpoint"));
    return new EntryProof(logId, index, c.size(), c.root(), hashes, checkpoint);
  }

  @Override
  public byte[] checkpoint() {
    return checkpoint.clone();
  }

  /** The same proof as a C2SP tlog-proof@v1 file (no extra data). */
  public TlogProof toTlogProof() {
    return new TlogProof(Optional.empty(), index, hashes, checkpoint);
  }

  /** Reads a tlog-proof@v1 file of the log {@code logId}. */
  public static EntryProof fromTlogProof(LogId logId, TlogProof proof) throws BundleException {
    if (proof.extra().isPresent()) {
      throw new BundleException("extra", "ToolSeal proofs carry no extra data");
    }
    try {
      return of(logId, proof.index(), proof.inclusionProof(), proof.checkpoint());
    } catch (IllegalArgumentException e) {
      throw new BundleException("", "not a proof of an entry: " + e.getMessage());
    }
  }

  /** The checkpoint in the note's text, unverified; empty if the text is not one. */
  static Optional<Checkpoint> checkpointText(byte[] note) {
    for (int i = 0; i + 1 < note.length; i++) {
      if (note[i] == '\n' && note[i + 1] == '\n') {
        try {
          return Optional.of(Checkpoint.parse(
              new String(note, 0, i + 1, StandardCharsets.UTF_8)));
        } catch (CheckpointFormatException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EntryProof p && logId.equals(p.logId) && index == p.index
        && treeSize == p.treeSize && rootHash.equals(p.rootHash) && hashes.equals(p.hashes)
        && Arrays.equals(checkpoint, p.checkpoint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(logId, index, treeSize, rootHash, hashes, Arrays.hashCode(checkpoint));
  }

  @Override
  public String toString() {
    return "EntryProof[log " + logId + ", index " + index + " of " + treeSize + ", root "
        + rootHash + "]";
  }
}
