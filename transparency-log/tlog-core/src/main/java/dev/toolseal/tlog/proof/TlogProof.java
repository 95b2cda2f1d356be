package dev.toolseal.tlog.proof;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.ProofException;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.CheckpointException;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.note.CosignatureVerifier;
import dev.toolseal.tlog.note.Note;
import dev.toolseal.tlog.note.NoteException;
import dev.toolseal.tlog.note.NoteVerifier;
import dev.toolseal.tlog.note.StrictBase64;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A C2SP tlog-proof@v1 file: the header line {@code c2sp.org/tlog-proof@v1}, an optional
 * {@code extra <base64>} line of unauthenticated data, {@code index <decimal>}, zero or more
 * base64 inclusion proof hashes (leaf's sibling first), a blank line, and the signed checkpoint
 * note verbatim. Parsing is syntactic; {@link #openCheckpoint} verifies the checkpoint, and the
 * inclusion proof is checked against its root by the Merkle code.
 */
public final class TlogProof {
  public static final String HEADER = "c2sp.org/tlog-proof@v1";
  /** Largest proof file accepted: a maximal signed note plus 64 KiB of proof lines. */
  public static final int MAX_BYTES = Note.MAX_BYTES + 64 * 1024;
  /** Most proof hashes: a tree of at most 2^63-1 leaves has paths of at most 63 hashes. */
  public static final int MAX_PROOF_HASHES = 63;

  private final byte[] extra;
  private final long index;
  private final List<Hash> inclusionProof;
  private final byte[] checkpoint;

  /**
   * @param extra opaque extra data, absent or non-empty
   * @param index the entry's zero-based index
   * @param inclusionProof the RFC 6962 inclusion proof, at most {@value #MAX_PROOF_HASHES} hashes
   * @param checkpoint the signed checkpoint note, ending in a newline
   */
  public TlogProof(Optional<byte[]> extra, long index, List<Hash> inclusionProof, byte[] checkpoint) {
    this.extra = extra.map(byte[]::clone).orElse(null);
    if (this.extra != null && this.extra.length == 0) {
      throw new IllegalArgumentException("extra data, if present, is not empty");
    }
    if (index < 0) {
      throw new IllegalArgumentException("negative index");
    }
    this.index = index;
    this.inclusionProof = List.copyOf(inclusionProof);
    if (this.inclusionProof.size() > MAX_PROOF_HASHES) {
      throw new IllegalArgumentException("inclusion proof longer than " + MAX_PROOF_HASHES);
    }
    if (checkpoint.length == 0 || checkpoint[checkpoint.length - 1] != '\n'
        || checkpoint.length > Note.MAX_BYTES) {
      throw new IllegalArgumentException("checkpoint note empty, too large or not newline-ended");
    }
    this.checkpoint = checkpoint.clone();
  }

  /** A copy of the extra data, if any. It is not authenticated: never trust it implicitly. */
  public Optional<byte[]> extra() {
    return Optional.ofNullable(extra).map(byte[]::clone);
  }

  public long index() {
    return index;
  }

  public List<Hash> inclusionProof() {
    return inclusionProof;
  }

  /** A copy of the signed checkpoint note, unverified. */
  public byte[] checkpoint() {
    return checkpoint.clone();
  }

  /** Verifies the embedded checkpoint; see {@link SignedCheckpoint#open}. */
  public SignedCheckpoint openCheckpoint(
      NoteVerifier logKey, Collection<CosignatureVerifier> witnesses, int quorum)
      throws NoteException, CheckpointException {
    return SignedCheckpoint.open(checkpoint, logKey, witnesses, quorum);
  }

  /**
   * Verifies the whole proof for the entry whose RFC 6962 leaf hash is {@code leafHash}: the
   * embedded checkpoint against the log key (and witnesses), then the inclusion proof of
   * {@link #index()} in that checkpoint's tree (RFC 9162 section 2.1.3.2, which also refuses an
   * index at or past the tree size).
   *
   * @return the verified checkpoint the entry is included in
   */
  public SignedCheckpoint verify(
      Hash leafHash, NoteVerifier logKey, Collection<CosignatureVerifier> witnesses, int quorum)
      throws NoteException, CheckpointException, ProofException {
    SignedCheckpoint signed = openCheckpoint(logKey, witnesses, quorum);
    Checkpoint c = signed.checkpoint();
    MerkleTree.verifyInclusion(leafHash, index, c.size(), inclusionProof, c.root());
    return signed;
  }

  /** The file's bytes. */
  public byte[] format() {
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    if (extra != null) {
      sb.append("extra ").append(StrictBase64.encode(extra)).append('\n');
    }
    sb.append("index ").append(index).append('\n');
    inclusionProof.forEach(h -> sb.append(h.base64()).append('\n'));
    sb.append('\n');
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(sb.toString().getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(checkpoint);
    return out.toByteArray();
  }

  /**
   * Parses a proof file strictly.
   *
   * @throws TlogProofFormatException on any deviation from the form {@link #format} produces
   */
  public static TlogProof parse(byte[] file) throws TlogProofFormatException {
    if (file.length > MAX_BYTES) {
      throw new TlogProofFormatException("proof file too large", 0);
    }
    int split = -1;
    for (int i = 0; i + 1 < file.length && split < 0; i++) {
      if (file[i] == '\n' && file[i + 1] == '\n') {
        split = i;
      }
    }
    if (split < 0) {
      throw new TlogProofFormatException("no blank line before the checkpoint", 0);
    }
    List<String> lines = headLines(Arrays.copyOfRange(file, 0, split + 1));
    if (!lines.get(0).equals(HEADER)) {
      throw new TlogProofFormatException("first line is not " + HEADER, 1);
    }
    int n = 1;
    Optional<byte[]> extra = Optional.empty();
    if (n < lines.size() && lines.get(n).startsWith("extra ")) {
      extra = Optional.of(decode(lines.get(n).substring(6), n + 1, -1));
      if (extra.get().length == 0) {
        throw new TlogProofFormatException("empty extra data (omit the line instead)", n + 1);
      }
      n++;
    }
    if (n == lines.size() || !lines.get(n).startsWith("index ")) {
      throw new TlogProofFormatException("missing index line", n + 1);
    }
    long index = Checkpoint.parseDecimal(lines.get(n).substring(6));
    if (index < 0) {
      throw new TlogProofFormatException("index is not a canonical decimal in range", n + 1);
    }
    n++;
    if (lines.size() - n > MAX_PROOF_HASHES) {
      throw new TlogProofFormatException("more than " + MAX_PROOF_HASHES + " proof hashes", n + 1);
    }
    List<Hash> proof = new ArrayList<>();
    for (; n < lines.size(); n++) {
      proof.add(Hash.of(decode(lines.get(n), n + 1, Hash.SIZE)));
    }
    byte[] checkpoint = Arrays.copyOfRange(file, split + 2, file.length);
    if (checkpoint.length == 0 || checkpoint[checkpoint.length - 1] != '\n') {
      throw new TlogProofFormatException("checkpoint note missing or not newline-ended", n + 2);
    }
    return new TlogProof(extra, index, proof, checkpoint);
  }

  /** The newline-terminated lines before the blank line; printable ASCII only. */
  private static List<String> headLines(byte[] head) throws TlogProofFormatException {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < head.length; i++) {
      if (head[i] == '\n') {
        lines.add(new String(head, start, i - start, StandardCharsets.US_ASCII));
        start = i + 1;
      } else if (head[i] < 0x20 || head[i] > 0x7e) {
        throw new TlogProofFormatException("non-printable byte", lines.size() + 1);
      }
    }
    return lines;
  }

  private static byte[] decode(String s, int line, int size) throws TlogProofFormatException {
    byte[] raw;
    try {
      raw = StrictBase64.decode(s);
    } catch (IllegalArgumentException e) {
      throw new TlogProofFormatException("not canonical base64", line);
    }
    if (size >= 0 && raw.length != size) {
      throw new TlogProofFormatException("proof hash is not " + size + " bytes", line);
    }
    return raw;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TlogProof p && Arrays.equals(extra, p.extra) && index == p.index
        && inclusionProof.equals(p.inclusionProof) && Arrays.equals(checkpoint, p.checkpoint);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(extra), index, inclusionProof, Arrays.hashCode(checkpoint));
  }

  @Override
  public String toString() {
    return "TlogProof[index " + index + ", " + inclusionProof.size() + " hashes"
        + (extra == null ? "" : ", " + extra.length + " bytes extra") + "]";
  }
}
