package dev.toolseal.tlog.checkpoint;

import dev.toolseal.tlog.note.CosignatureVerifier;
import dev.toolseal.tlog.note.Note;
import dev.toolseal.tlog.note.NoteException;
import dev.toolseal.tlog.note.NoteVerifier;
import dev.toolseal.tlog.note.UnverifiedNoteException;
import dev.toolseal.tlog.note.Verifier;
import dev.toolseal.tlog.note.Verifiers;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * A checkpoint opened from its signed note: the log key's signature verified, the origin equal
 * to the log key's name, and optionally a quorum of trusted witness cosignatures verified.
 */
public final class SignedCheckpoint {
  private final Checkpoint checkpoint;
  private final Note note;
  private final byte[] signedNote;
  private final List<CosignatureVerifier> cosigners;

  private SignedCheckpoint(
      Checkpoint checkpoint, Note note, byte[] signedNote, List<CosignatureVerifier> cosigners) {
    this.checkpoint = checkpoint;
    this.note = note;
    this.signedNote = signedNote;
    this.cosigners = List.copyOf(cosigners);
  }

  /** Opens a checkpoint that must carry a valid signature by {@code logKey}; no witnesses. */
  public static SignedCheckpoint open(byte[] signedNote, NoteVerifier logKey)
      throws NoteException, CheckpointException {
    return open(signedNote, logKey, List.of(), 0);
  }

  /**
   * Opens a checkpoint that must carry a valid signature by {@code logKey} and valid
   * cosignatures by at least {@code quorum} distinct keys among {@code witnesses}. A signature by
   * any of these keys that fails to verify is an error; signatures by other keys are ignored.
   *
   * @throws NoteException if the note is malformed, a known key's signature is invalid, keys are
   *     ambiguous, or the log key did not sign ({@link UnverifiedNoteException})
   * @throws CheckpointFormatException if the note text is not a checkpoint
   * @throws OriginMismatchException if the origin is not the log key's name
   * @throws WitnessQuorumException if fewer than {@code quorum} witnesses cosigned
   */
  public static SignedCheckpoint open(
      byte[] signedNote, NoteVerifier logKey, Collection<CosignatureVerifier> witnesses, int quorum)
      throws NoteException, CheckpointException {
    if (quorum < 0 || quorum > witnesses.size()) {
      throw new IllegalArgumentException("quorum must be between 0 and the number of witnesses");
    }
    byte[] copy = signedNote.clone();
    List<Verifier> known = new ArrayList<>(witnesses);
    known.add(0, logKey);
    Note note = Note.open(copy, Verifiers.of(known));
    if (!note.isVerifiedBy(logKey)) {
      throw new UnverifiedNoteException("no signature by the log key " + logKey.name(), note);
    }
    Checkpoint checkpoint = Checkpoint.parse(note.text());
    if (!checkpoint.origin().equals(logKey.name())) {
      throw new OriginMismatchException(logKey.name(), checkpoint.origin());
    }
    List<CosignatureVerifier> cosigned = new ArrayList<>();
    for (CosignatureVerifier w : witnesses) {
      if (note.isVerifiedBy(w) && !cosigned.contains(w)) {
        cosigned.add(w);
      }
    }
    if (cosigned.size() < quorum) {
      throw new WitnessQuorumException(quorum, cosigned.stream().map(Verifier::name).toList(),
          witnesses.stream().filter(w -> !cosigned.contains(w)).map(Verifier::name).distinct()
              .toList());
    }
    return new SignedCheckpoint(checkpoint, note, copy, cosigned);
  }

  public Checkpoint checkpoint() {
    return checkpoint;
  }

  /** The opened note, with its verified and unverified signatures. */
  public Note note() {
    return note;
  }

  /** A copy of the signed note exactly as opened. */
  public byte[] signedNote() {
    return signedNote.clone();
  }

  /** The trusted witnesses whose cosignatures verified. */
  public List<CosignatureVerifier> cosigners() {
    return cosigners;
  }

  @Override
  public String toString() {
    return "SignedCheckpoint[" + checkpoint.origin() + " size " + checkpoint.size() + " root "
        + checkpoint.root() + ", " + cosigners.size() + " cosigners]";
  }
}
