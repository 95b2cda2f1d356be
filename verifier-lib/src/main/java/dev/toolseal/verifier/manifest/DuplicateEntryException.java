package dev.toolseal.verifier.manifest;

/**
 * Two entries of one kind have the same identity, for example a server that lists two tools
 * called {@code add}. A client could not tell which one it would call, so the manifest is refused.
 */
public final class DuplicateEntryException extends ManifestException {
  private static final long serialVersionUID = 1L;

  private final EntryKey key;

  public DuplicateEntryException(EntryKey key, String source, String pointer) {
    super(Reason.DUPLICATE_ENTRY, source, pointer, "two entries named " + key);
    this.key = key;
  }

  /** The identity that occurs twice. */
  public EntryKey key() {
    return key;
  }
}
