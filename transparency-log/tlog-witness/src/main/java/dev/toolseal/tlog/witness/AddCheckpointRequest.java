package dev.toolseal.tlog.witness;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.note.StrictBase64;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The body of a C2SP tlog-witness {@code add-checkpoint} request: {@code old <size>}, at most
 * {@value #MAX_PROOF_HASHES} consistency proof lines (canonical base64 of one 32-byte hash each),
 * an empty line, then the signed checkpoint note. Every line ends in {@code \n}.
 *
 * <p>The note is kept as bytes; opening it is the witness's job, against the log's key.
 */
public record AddCheckpointRequest(long oldSize, List<Hash> proof, byte[] signedCheckpoint) {
  /** Largest body {@link #parse} accepts: a checkpoint with a hundred cosignatures fits. */
  public static final int MAX_BODY_BYTES = 128 * 1024;
  /** Most consistency proof lines (C2SP tlog-witness). */
  public static final int MAX_PROOF_HASHES = 63;

  private static final int HASH_LINE_CHARS = 44;
  private static final int MAX_OLD_LINE_CHARS = 4 + 19;

  public AddCheckpointRequest {
    if (oldSize < 0) {
      throw new IllegalArgumentException("negative old size");
    }
    proof = List.copyOf(proof);
    if (proof.size() > MAX_PROOF_HASHES) {
      throw new IllegalArgumentException("more than " + MAX_PROOF_HASHES + " proof hashes");
    }
    if (signedCheckpoint.length == 0) {
      throw new IllegalArgumentException("no checkpoint");
    }
    signedCheckpoint = signedCheckpoint.clone();
  }

  @Override
  public byte[] signedCheckpoint() {
    return signedCheckpoint.clone();
  }

  /** The request body. */
  public byte[] encode() {
    ByteArrayOutputStream out = new ByteArrayOutputStream(signedCheckpoint.length + 256);
    StringBuilder head = new StringBuilder("old ").append(oldSize).append('\n');
    proof.forEach(h -> head.append(h.base64()).append('\n'));
    head.append('\n');
    out.writeBytes(head.toString().getBytes(StandardCharsets.US_ASCII));
    out.writeBytes(signedCheckpoint);
    return out.toByteArray();
  }

  /**
   * Parses a request body strictly.
   *
   * @throws RequestFormatException if the body is larger than {@value #MAX_BODY_BYTES} bytes, the
   *     old size line is not {@code old} and a canonical decimal, a proof line is not the
   *     canonical base64 of 32 bytes, there are too many proof lines, or no checkpoint follows
   */
  public static AddCheckpointRequest parse(byte[] body) throws RequestFormatException {
    if (body.length > MAX_BODY_BYTES) {
      throw new RequestFormatException("body larger than " + MAX_BODY_BYTES + " bytes");
    }
    int at = 0;
    int nl = lineEnd(body, at, MAX_OLD_LINE_CHARS);
    String first = ascii(body, at, nl);
    if (!first.startsWith("old ")) {
      throw new RequestFormatException("the first line is not an old size line");
    }
    long oldSize = Checkpoint.parseDecimal(first.substring(4));
    if (oldSize < 0) {
      throw new RequestFormatException("the old size is not a canonical decimal in range");
    }
    at = nl + 1;
    List<Hash> proof = new ArrayList<>();
    while (true) {
      nl = lineEnd(body, at, HASH_LINE_CHARS);
      if (nl == at) {
        break;
      }
      if (proof.size() == MAX_PROOF_HASHES) {
        throw new RequestFormatException("more than " + MAX_PROOF_HASHES + " proof lines");
      }
      proof.add(hash(ascii(body, at, nl)));
      at = nl + 1;
    }
    at = nl + 1;
    if (at == body.length) {
      throw new RequestFormatException("no checkpoint after the empty line");
    }
    return new AddCheckpointRequest(oldSize, proof, Arrays.copyOfRange(body, at, body.length));
  }

  /** Index of the newline ending the line at {@code from}, which may have at most max chars. */
  private static int lineEnd(byte[] body, int from, int max) throws RequestFormatException {
    for (int i = from; i < body.length && i <= from + max; i++) {
      if (body[i] == '\n') {
        return i;
      }
    }
    throw new RequestFormatException("a header line is too long or does not end in a newline");
  }

  private static String ascii(byte[] body, int from, int to) throws RequestFormatException {
    for (int i = from; i < to; i++) {
      if (body[i] < 0x20 || body[i] > 0x7e) {
        throw new RequestFormatException("a header line has a byte outside printable ASCII");
      }
    }
    return new String(body, from, to - from, StandardCharsets.US_ASCII);
  }

  private static Hash hash(String line) throws RequestFormatException {
    byte[] raw;
    try {
      raw = StrictBase64.decode(line);
    } catch (IllegalArgumentException e) {
      throw new RequestFormatException("a proof line is not canonical base64");
    }
    if (raw.length != Hash.SIZE) {
      throw new RequestFormatException("a proof line is not a " + Hash.SIZE + "-byte hash");
    }
    return Hash.of(raw);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AddCheckpointRequest r && oldSize == r.oldSize && proof.equals(r.proof)
        && Arrays.equals(signedCheckpoint, r.signedCheckpoint);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Long.hashCode(oldSize) + proof.hashCode())
        + Arrays.hashCode(signedCheckpoint);
  }

  @Override
  public String toString() {
    return "AddCheckpointRequest[old " + oldSize + ", " + proof.size() + " proof hashes, "
        + signedCheckpoint.length + " note bytes]";
  }
}
