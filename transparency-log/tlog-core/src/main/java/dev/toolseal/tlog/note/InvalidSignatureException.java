package dev.toolseal.tlog.note;

/** A signature line names a known key (name and key ID) but its signature does not verify. */
public final class InvalidSignatureException extends NoteException {
  private static final long serialVersionUID = 1L;
  private final String keyName;
  private final int keyId;

  public InvalidSignatureException(String keyName, int keyId) {
    super("invalid signature by known key " + keyName + "+" + KeyNames.hex(keyId));
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
