package dev.toolseal.tlog.note;

/** The bytes are not a well-formed signed note (syntax, encoding, size or signature count). */
public final class MalformedNoteException extends NoteException {
  private static final long serialVersionUID = 1L;
  private final long offset;

  public MalformedNoteException(String reason, long offset) {
    super(reason + (offset >= 0 ? " (at byte " + offset + ")" : ""));
    this.offset = offset;
  }

  /** Byte offset in the note where the problem was found, or -1 if it concerns the whole note. */
  public long offset() {
    return offset;
  }
}
