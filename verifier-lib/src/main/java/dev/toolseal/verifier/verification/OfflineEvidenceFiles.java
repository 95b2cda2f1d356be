package dev.toolseal.verifier.verification;

import dev.toolseal.verifier.bundle.BundleException;
import dev.toolseal.verifier.bundle.BundleFormat;
import dev.toolseal.verifier.log.LogClient;
import dev.toolseal.verifier.manifest.ServerRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Release evidence kept as offline Sigstore bundle files (docs/design/verification.md), read
 * again on every verification so a replaced file counts from the next one on. Each file is read
 * up to {@link BundleFormat#MAX_BYTES}; a longer file is refused.
 *
 * @param release the release bundle
 * @param reviews review bundles
 * @param keyEvents key-binding and key-revocation bundles
 * @param logClient where consistency proofs come from; {@link LogClient#none()} if nowhere
 */
public record OfflineEvidenceFiles(Path release, List<Path> reviews, List<Path> keyEvents,
    LogClient logClient) implements ReleaseEvidenceSource {

  public OfflineEvidenceFiles {
    Objects.requireNonNull(release, "release");
    reviews = List.copyOf(reviews);
    keyEvents = List.copyOf(keyEvents);
    Objects.requireNonNull(logClient, "logClient");
    if (reviews.size() > ReleaseEvidence.MAX_BUNDLES
        || keyEvents.size() > ReleaseEvidence.MAX_BUNDLES) {
      throw new IllegalArgumentException("at most " + ReleaseEvidence.MAX_BUNDLES
          + " reviews and key events");
    }
  }

  /** Reads every file; whether they are about {@code server} is the verifier's to check. */
  @Override
  public ReleaseEvidence evidenceFor(ServerRef server) throws IOException, BundleException {
    return read();
  }

  /**
   * Reads the files as they are now. Offline files name one release whatever the server, so this
   * needs no server; the verifier checks that the release is for the server it is shown.
   */
  public ReleaseEvidence read() throws IOException, BundleException {
    return ReleaseEvidence.read(read(release), readAll(reviews), readAll(keyEvents), logClient);
  }

  private static List<byte[]> readAll(List<Path> files) throws IOException {
    List<byte[]> out = new ArrayList<>();
    for (Path file : files) {
      out.add(read(file));
    }
    return out;
  }

  private static byte[] read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(BundleFormat.MAX_BYTES + 1);
      if (bytes.length > BundleFormat.MAX_BYTES) {
        throw new IOException("bundle file " + file + " is over " + BundleFormat.MAX_BYTES
            + " bytes");
      }
      return bytes;
    }
  }
}
