package dev.toolseal.verifier.verification;

import dev.toolseal.verifier.bundle.BundleException;
import dev.toolseal.verifier.manifest.ServerRef;
import java.io.IOException;
import java.util.Objects;

/**
 * Where a verifier gets the evidence for the release a live server claims to be. Nothing it
 * returns is trusted: {@link ReleaseVerifier} checks all of it, including that it is about the
 * right release.
 *
 * <p>Contract: called once per verification, possibly from several threads; it may read files or
 * ask a registry. An {@link IOException} or {@link BundleException} means no usable evidence, and
 * a caller must then refuse the server (never fall back to accepting it).
 */
@FunctionalInterface
public interface ReleaseEvidenceSource {

  /** The evidence for the release of {@code server} (name and version as the server says). */
  ReleaseEvidence evidenceFor(ServerRef server) throws IOException, BundleException;

  /** Always the same evidence, whatever the server claims (an offline, pinned release). */
  static ReleaseEvidenceSource fixed(ReleaseEvidence evidence) {
    Objects.requireNonNull(evidence, "evidence");
    return server -> evidence;
  }
}
