package dev.toolseal.tlog.note;

/**
 * A verifier key string ({@code name+hexid+base64}) or private key string
 * ({@code PRIVATE+KEY+name+hexid+base64}) is malformed, of an unsupported type, or its key ID
 * does not match the key. Never carries the string itself (it may be a private key).
 */
public final class KeyFormatException extends NoteException {
  private static final long serialVersionUID = 1L;

  public KeyFormatException(String reason) {
    super(reason);
  }
}
