package dev.toolseal.verifier.bundle;

import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.log.LogId;
import dev.toolseal.verifier.log.LogLeaf;
import dev.toolseal.verifier.log.TestLog;

/** Logs envelopes into a {@link TestLog} and builds their bundles. */
public final class TestBundles {
  private TestBundles() {}

  /** Appends the envelope's leaf to {@code log} and returns its bundle at the current size. */
  public static OfflineBundle log(TestLog log, Envelope envelope, KeyId authority) {
    try {
      LogLeaf leaf = LogLeaf.describe(envelope, authority);
      long index = log.append(leaf.format());
      return OfflineBundle.of(envelope, leaf, proof(log, index, log.size()));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The proof of entry {@code index} in the tree of {@code size} leaves of {@code log}. */
  public static EntryProof proof(TestLog log, long index, long size) {
    return EntryProof.of(LogId.of(log.key().verifier()), index, log.inclusion(index, size),
        log.checkpoint(size));
  }

  /** The same bundle, proven against the log's current size. */
  public static OfflineBundle refresh(TestLog log, OfflineBundle b) {
    return b.withProof(proof(log, b.proof().index(), log.size()));
  }
}
