package dev.toolseal.tlog.witness;

import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.ProofException;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.CheckpointFormatException;
import dev.toolseal.tlog.checkpoint.CheckpointException;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.note.CosignatureSigner;
import dev.toolseal.tlog.note.CosignatureVerifier;
import dev.toolseal.tlog.note.MalformedNoteException;
import dev.toolseal.tlog.note.NoteException;
import dev.toolseal.tlog.note.NoteSignature;
import dev.toolseal.tlog.note.NoteVerifier;
import dev.toolseal.tlog.witness.WitnessRefusal.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A C2SP tlog-witness: cosigns a log's checkpoint only if it is signed by the key the witness
 * trusts for its origin and provably extends the latest checkpoint the witness cosigned for that
 * origin. The new state is durable before the cosignature exists; checking and updating one log's
 * state is serialised, so two requests can never roll a log back. A checkpoint signed by the log's
 * key for the size last cosigned but with another root is proof the log forked: the witness keeps
 * both signed checkpoints ({@link StateStore#keepForkEvidence}) and refuses it.
 *
 * <p>The front door is {@link #addCheckpoint}; {@link WitnessServer} puts it on HTTP.
 */
public final class Witness {
  private final CosignatureSigner signer;
  private final StateStore store;
  private final Map<String, LogSlot> logs;

  /**
   * One configured log: its key and, guarded by the slot's monitor, its latest state and the
   * signed checkpoint it came from (null while the log was never cosigned).
   */
  private static final class LogSlot {
    final NoteVerifier key;
    CosignedState latest;
    SignedCheckpoint signed;

    LogSlot(NoteVerifier key, SignedCheckpoint signed) {
      this.key = key;
      this.signed = signed;
      this.latest = signed == null ? CosignedState.empty() : stateOf(signed);
    }
  }

  private Witness(CosignatureSigner signer, StateStore store, Map<String, LogSlot> logs) {
    this.signer = signer;
    this.store = store;
    this.logs = logs;
  }

  /**
   * A witness cosigning with {@code signer} for the logs whose keys are given (each key's name is
   * its log's origin), its state read now from {@code store}.
   *
   * @throws IOException if the store cannot be read or holds a checkpoint that does not verify
   * @throws IllegalArgumentException if two log keys share an origin, or no log is given
   */
  public static Witness open(CosignatureSigner signer, List<NoteVerifier> logKeys, StateStore store)
      throws IOException {
    Objects.requireNonNull(signer, "signer");
    Objects.requireNonNull(store, "store");
    if (logKeys.isEmpty()) {
      throw new IllegalArgumentException("a witness needs at least one log");
    }
    Map<String, LogSlot> logs = new HashMap<>();
    for (NoteVerifier key : logKeys) {
      if (logs.put(key.name(), new LogSlot(key, store.load(key).orElse(null))) != null) {
        throw new IllegalArgumentException("two log keys for the origin " + key.name());
      }
    }
    return new Witness(signer, store, Map.copyOf(logs));
  }

  /** The witness's own cosigner key. */
  public CosignatureVerifier verifier() {
    return signer.verifier();
  }

  /** The latest state of the log with {@code origin}, or null if the log is not configured. */
  public CosignedState latest(String origin) {
    LogSlot slot = logs.get(origin);
    if (slot == null) {
      return null;
    }
    synchronized (slot) {
      return slot.latest;
    }
  }

  /**
   * Checks a request and, if every check passes, durably records its checkpoint as the log's
   * latest and returns the witness's cosignature line ({@code — name base64\n}).
   *
   * @throws WitnessRefusal with the reason the protocol defines for each failed check
   * @throws IOException if the new state could not be made durable (nothing was cosigned)
   */
  public String addCheckpoint(AddCheckpointRequest request) throws WitnessRefusal, IOException {
    byte[] note = request.signedCheckpoint();
    LogSlot slot = logs.get(firstLine(note));
    if (slot == null) {
      throw WitnessRefusal.of(Reason.UNKNOWN_LOG, "this witness does not know the log's origin");
    }
    SignedCheckpoint signed = open(note, slot.key);
    Checkpoint cp = signed.checkpoint();
    if (request.oldSize() > cp.size()) {
      throw WitnessRefusal.of(Reason.MALFORMED, "the old size is above the checkpoint's size");
    }
    synchronized (slot) {
      CosignedState latest = slot.latest;
      if (cp.size() == latest.size() && !cp.root().equals(latest.root())) {
        throw WitnessRefusal.conflict(latest.size(),
            "a different root for the size already cosigned: the log forked"
            + keepEvidence(slot, signed));
      }
      if (request.oldSize() != latest.size()) {
        throw WitnessRefusal.conflict(latest.size(), "the old size is not the latest cosigned");
      }
      try {
        MerkleTree.verifyConsistency(latest.size(), cp.size(), request.proof(), latest.root(),
            cp.root());
      } catch (ProofException e) {
        throw WitnessRefusal.of(Reason.BAD_PROOF, e.getMessage());
      }
      store.save(signed);
      slot.latest = stateOf(signed);
      slot.signed = signed;
    }
    byte[] text = signed.note().textBytes();
    return new NoteSignature(signer.name(), signer.keyId(), signer.sign(text)).line();
  }

  /**
   * Keeps the two signed checkpoints of one size as proof of the fork, and says where (or why
   * not) for the refusal's message, which the server logs. Keeping it never changes the answer.
   */
  private String keepEvidence(LogSlot slot, SignedCheckpoint conflicting) {
    if (slot.signed == null) {
      return "";
    }
    try {
      return store.keepForkEvidence(slot.signed, conflicting)
          .map(where -> "; both signed checkpoints kept in " + where)
          .orElse("; not kept: this log's bound of kept forks is reached");
    } catch (IOException e) {
      return "; the evidence could not be kept: " + e.getMessage();
    }
  }

  private static SignedCheckpoint open(byte[] note, NoteVerifier key) throws WitnessRefusal {
    try {
      return SignedCheckpoint.open(note, key);
    } catch (MalformedNoteException | CheckpointFormatException e) {
      throw WitnessRefusal.of(Reason.MALFORMED, e.getMessage());
    } catch (NoteException | CheckpointException e) {
      throw WitnessRefusal.of(Reason.UNTRUSTED_SIGNATURE, e.getMessage());
    }
  }

  /** The origin line of a note, or "" if it has none (an origin no log has). */
  private static String firstLine(byte[] note) {
    for (int i = 0; i < note.length && i <= Checkpoint.MAX_BODY_CHARS; i++) {
      if (note[i] == '\n') {
        return new String(note, 0, i, StandardCharsets.UTF_8);
      }
    }
    return "";
  }

  private static CosignedState stateOf(SignedCheckpoint s) {
    return new CosignedState(s.checkpoint().size(), s.checkpoint().root());
  }
}
