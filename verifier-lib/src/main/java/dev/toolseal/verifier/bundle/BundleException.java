package dev.toolseal.verifier.bundle;

/**
 * An offline bundle (Sigstore bundle v0.3 JSON or a tlog-proof file) is malformed or does not
 * describe one ToolSeal log entry. {@link #field()} names the offending field as a JSON path, for
 * example {@code verificationMaterial.tlogEntries[0].inclusionProof.treeSize}.
 */
public final class BundleException extends Exception {
  private static final long serialVersionUID = 1L;
  private final String field;

  public BundleException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  /** The JSON path of the field at fault ({@code ""} for the whole document). */
  public String field() {
    return field;
  }
}
