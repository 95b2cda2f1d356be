package dev.toolseal.verifier.verification;

import dev.toolseal.verifier.bundle.BundleException;
import dev.toolseal.verifier.bundle.BundleFormat;
import dev.toolseal.verifier.bundle.OfflineBundle;
import dev.toolseal.verifier.log.LogClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What a verifier is shown about one release: the release bundle, review bundles, key-event
 * bundles (namespace key bindings and revocations), and where to get consistency proofs between
 * the bundles' checkpoints and the newest checkpoint the client has stored. Nothing in it is
 * trusted; {@link ReleaseVerifier} checks all of it.
 *
 * @param release the release's bundle
 * @param reviews review bundles (of this or other releases; others are ignored)
 * @param keyEvents key-binding and key-revocation bundles
 * @param logClient consistency proofs; {@link LogClient#none()} if there are none
 */
public record ReleaseEvidence(OfflineBundle release, List<OfflineBundle> reviews,
    List<OfflineBundle> keyEvents, LogClient logClient) {
  /** At most this many review or key-event bundles, to bound the work. */
  public static final int MAX_BUNDLES = 256;

  public ReleaseEvidence {
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(logClient, "logClient");
    reviews = List.copyOf(reviews);
    keyEvents = List.copyOf(keyEvents);
    if (reviews.size() > MAX_BUNDLES || keyEvents.size() > MAX_BUNDLES) {
      throw new IllegalArgumentException("at most " + MAX_BUNDLES + " reviews and key events");
    }
  }

  /** Reads the bundles from Sigstore bundle JSON. */
  public static ReleaseEvidence read(byte[] release, List<byte[]> reviews,
      List<byte[]> keyEvents, LogClient logClient) throws BundleException {
    return new ReleaseEvidence(BundleFormat.read(release), readAll(reviews), readAll(keyEvents),
        logClient);
  }

  private static List<OfflineBundle> readAll(List<byte[]> jsons) throws BundleException {
    List<OfflineBundle> out = new ArrayList<>();
    for (byte[] json : jsons) {
      out.add(BundleFormat.read(json));
    }
    return out;
  }

  /** Every bundle: the release first, then reviews, then key events. */
  public List<OfflineBundle> all() {
    List<OfflineBundle> out = new ArrayList<>();
    out.add(release);
    out.addAll(reviews);
    out.addAll(keyEvents);
    return out;
  }
}
