package dev.toolseal.verifier.bundle;

import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.log.LogLeaf;
import dev.toolseal.verifier.log.LogLeafFormatException;
import java.util.Objects;

/**
 * Everything needed to check one logged attestation without asking the log: the DSSE envelope,
 * the log leaf recording it, and the entry's inclusion proof with its signed checkpoint. Built
 * only through {@link #of}, which checks that the leaf describes exactly this envelope. Nothing
 * in it is verified yet: see {@link InclusionVerifier} and the attestation verifiers.
 */
public final class OfflineBundle {
  private final Envelope envelope;
  private final LogLeaf leaf;
  private final EntryProof proof;

  private OfflineBundle(Envelope envelope, LogLeaf leaf, EntryProof proof) {
    this.envelope = envelope;
    this.leaf = leaf;
    this.proof = proof;
  }

  /**
   * @throws BundleException if the leaf does not describe the envelope (kind, subject,
   *     predicate type, envelope digest, signing key id)
   */
  public static OfflineBundle of(Envelope envelope, LogLeaf leaf, EntryProof proof)
      throws BundleException {
    Objects.requireNonNull(envelope, "envelope");
    Objects.requireNonNull(leaf, "leaf");
    Objects.requireNonNull(proof, "proof");
    LogLeaf expected;
    try {
      expected = LogLeaf.describe(envelope, leaf.keyId());
    } catch (LogLeafFormatException e) {
      throw new BundleException("dsseEnvelope", "cannot be a logged entry: " + e.getMessage());
    }
    if (!expected.equals(leaf)) {
      throw new BundleException("verificationMaterial.tlogEntries[0].canonicalizedBody",
          "the log leaf does not describe this envelope");
    }
    return new OfflineBundle(envelope, leaf, proof);
  }

  public Envelope envelope() {
    return envelope;
  }

  public LogLeaf leaf() {
    return leaf;
  }

  public EntryProof proof() {
    return proof;
  }

  /** The key the entry was logged on: the bundle's public key hint. */
  public KeyId keyHint() {
    return leaf.keyId();
  }

  /** The same bundle with another proof of the same entry (e.g. against a newer checkpoint). */
  public OfflineBundle withProof(EntryProof newer) {
    return new OfflineBundle(envelope, leaf, Objects.requireNonNull(newer, "newer"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof OfflineBundle b && envelope.equals(b.envelope) && leaf.equals(b.leaf)
        && proof.equals(b.proof);
  }

  @Override
  public int hashCode() {
    return Objects.hash(envelope, leaf, proof);
  }

  @Override
  public String toString() {
    return "OfflineBundle[" + leaf.kind().wireName() + " " + leaf.name()
        + (leaf.version().isEmpty() ? "" : "@" + leaf.version()) + ", " + proof + "]";
  }
}
