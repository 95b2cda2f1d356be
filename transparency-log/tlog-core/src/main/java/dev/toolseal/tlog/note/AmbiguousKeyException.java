package dev.toolseal.tlog.note;

/**
 * A signature's key name and key ID match more than one known verifier, so the set of trusted
 * keys is misconfigured (or tampered with) and no answer would be safe.
 */
public final class AmbiguousKeyException extends NoteException {
  private static final long serialVersionUID = 1L;
  private final String keyName;
  private final int keyId;

  public AmbiguousKeyException(String keyName, int keyId) {
    super("more than one known key is " + keyName + "+" + KeyNames.hex(keyId));
    this.keyName = keyName;
    this.keyId = keyId;
  }

  public String keyName() {
    return keyName;
  }

  public int keyId() {
    return keyId;
  }
}
