package dev.toolseal.tlog.witness;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.CheckpointException;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.note.NoteException;
import dev.toolseal.tlog.note.NoteSignature;
import dev.toolseal.tlog.note.NoteVerifier;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * A log's side of one witness: sends a checkpoint with a consistency proof from the size the
 * witness last cosigned and returns its verified cosignature. Remembers that size; on a 409 it
 * takes the size the witness answered and tries once more. Not thread-safe: one caller per
 * witness.
 */
public final class WitnessClient {
  /** Largest answer read from a witness. */
  static final int MAX_ANSWER_BYTES = 64 * 1024;

  /** Where consistency proofs come from: the log's own tree. */
  @FunctionalInterface
  public interface Proofs {
    /** The consistency proof from {@code from} to {@code to} leaves of the log. */
    List<Hash> consistency(long from, long to) throws IOException;
  }

  private final WitnessEndpoint endpoint;
  private final NoteVerifier logKey;
  private final HttpClient http;
  private final Duration timeout;
  private long knownSize;

  public WitnessClient(WitnessEndpoint endpoint, NoteVerifier logKey, HttpClient http,
      Duration timeout) {
    this.endpoint = endpoint;
    this.logKey = logKey;
    this.http = http;
    this.timeout = timeout;
  }

  public WitnessEndpoint endpoint() {
    return endpoint;
  }

  /**
   * Gets the witness's cosignature of {@code signedCheckpoint} (a note the log signed).
   *
   * @throws WitnessCallException if the witness refused, answered something that is not its
   *     valid cosignature, or could not be reached
   */
  public NoteSignature cosign(byte[] signedCheckpoint, Proofs proofs)
      throws WitnessCallException, InterruptedException {
    Checkpoint cp;
    try {
      cp = SignedCheckpoint.open(signedCheckpoint, logKey).checkpoint();
    } catch (NoteException | CheckpointException e) {
      throw new IllegalArgumentException("not a checkpoint signed by the log's key", e);
    }
    if (knownSize > cp.size()) {
      knownSize = 0;
    }
    HttpResponse<byte[]> answer = send(signedCheckpoint, cp, proofs);
    if (answer.statusCode() == 409) {
      knownSize = conflictSize(answer);
      if (knownSize > cp.size()) {
        throw new WitnessCallException(endpoint, 409,
            "the witness has cosigned a larger tree (" + knownSize + ") than " + cp.size());
      }
      answer = send(signedCheckpoint, cp, proofs);
    }
    if (answer.statusCode() != 200) {
      throw new WitnessCallException(endpoint, answer.statusCode(), "the witness refused");
    }
    NoteSignature sig = verified(signedCheckpoint, answer.body());
    knownSize = cp.size();
    return sig;
  }

  private HttpResponse<byte[]> send(byte[] note, Checkpoint cp, Proofs proofs)
      throws WitnessCallException, InterruptedException {
    try {
      byte[] body = new AddCheckpointRequest(knownSize,
          proofs.consistency(knownSize, cp.size()), note).encode();
      HttpRequest request = HttpRequest.newBuilder(endpoint.addCheckpoint()).timeout(timeout)
          .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
      HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
      if (r.body().length > MAX_ANSWER_BYTES) {
        throw new WitnessCallException(endpoint, r.statusCode(), "answer too large");
      }
      return r;
    } catch (IOException e) {
      throw new WitnessCallException(endpoint, 0, "unreachable: " + e);
    }
  }

  private long conflictSize(HttpResponse<byte[]> r) throws WitnessCallException {
    String type = r.headers().firstValue("Content-Type").orElse("");
    String body = new String(r.body(), StandardCharsets.US_ASCII);
    long size = body.endsWith("\n") ? Checkpoint.parseDecimal(body.substring(0, body.length() - 1))
        : -1;
    if (!type.equals("text/x.tlog.size") || size < 0) {
      throw new WitnessCallException(endpoint, 409, "a conflict without a readable size");
    }
    return size;
  }

  /** The witness's own signature among the answer's lines, verified over the checkpoint. */
  private NoteSignature verified(byte[] note, byte[] answer) throws WitnessCallException {
    byte[] joined = new byte[note.length + answer.length];
    System.arraycopy(note, 0, joined, 0, note.length);
    System.arraycopy(answer, 0, joined, note.length, answer.length);
    try {
      SignedCheckpoint cosigned =
          SignedCheckpoint.open(joined, logKey, List.of(endpoint.key()), 1);
      return cosigned.note().verifiedSignatures().stream().filter(s -> s.isBy(endpoint.key()))
          .findFirst().orElseThrow();
    } catch (NoteException | CheckpointException e) {
      throw new WitnessCallException(endpoint, 200, "the answer is not its valid cosignature");
    }
  }

  /** Joins a note and signature lines: the form {@code /log/checkpoint} serves. */
  public static byte[] withSignatures(byte[] note, List<NoteSignature> extra) {
    StringBuilder sb = new StringBuilder(new String(note, StandardCharsets.UTF_8));
    extra.forEach(s -> sb.append(s.line()));
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
