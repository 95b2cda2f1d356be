package dev.toolseal.tlog.note;

/** Base of every checked failure to parse or verify a signed note or a note key string. */
public abstract class NoteException extends Exception {
  private static final long serialVersionUID = 1L;

  protected NoteException(String message) {
    super(message);
  }
}
