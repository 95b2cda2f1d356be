package dev.toolseal.verifier.attest;

import dev.toolseal.verifier.keys.KeyId;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * An envelope at least one trusted signature of which verified.
 *
 * @param envelope the envelope as parsed
 * @param signers the trusted key ids whose signatures verified (never empty)
 */
public record VerifiedEnvelope(Envelope envelope, SortedSet<KeyId> signers) {
  public VerifiedEnvelope {
    if (envelope == null || signers == null || signers.isEmpty()) {
      throw new IllegalArgumentException("a verified envelope has at least one signer");
    }
    signers = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(signers));
  }

  /** The authenticated payload bytes. */
  public byte[] payload() {
    return envelope.payload();
  }

  /** True if {@code keyId} is among the verified signers. */
  public boolean signedBy(KeyId keyId) {
    return signers.contains(keyId);
  }

  static VerifiedEnvelope of(Envelope envelope, Set<KeyId> signers) {
    return new VerifiedEnvelope(envelope, new TreeSet<>(signers));
  }
}
