package dev.toolseal.tlog.note;

import java.util.List;

/**
 * A well-formed note lacks a required verified signature: no known key signed it at all, or (for
 * a caller that demands one particular key) that key did not. Carries the parsed, unverified
 * note so the caller can report who did sign.
 */
public final class UnverifiedNoteException extends NoteException {
  private static final long serialVersionUID = 1L;
  private final transient Note note;

  public UnverifiedNoteException(String reason, Note note) {
    super(reason + "; signers: " + describe(note));
    this.note = note;
  }

  /** The note as parsed; its verified signatures (if any) are by keys other than the required. */
  public Note note() {
    return note;
  }

  /** The signatures by keys that were not known. */
  public List<NoteSignature> unknownSignatures() {
    return note.unverifiedSignatures();
  }

  private static String describe(Note note) {
    StringBuilder sb = new StringBuilder();
    for (List<NoteSignature> list : List.of(note.verifiedSignatures(), note.unverifiedSignatures())) {
      for (NoteSignature s : list) {
        sb.append(sb.length() == 0 ? "" : ", ").append(s.keyName()).append('+')
            .append(KeyNames.hex(s.keyId()));
      }
    }
    return sb.length() == 0 ? "none" : sb.toString();
  }
}
