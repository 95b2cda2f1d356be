package dev.toolseal.cli;

import dev.toolseal.verifier.attest.AttestationVerificationException;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.PredicateFormatException;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.Statement;
import dev.toolseal.verifier.attest.StatementFormatException;
import dev.toolseal.verifier.keys.VerificationKey;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.ManifestFormat;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.io.IOException;
import java.util.Optional;

/** Reading the release inside an envelope, with or without checking the publisher's key. */
final class ReleaseFiles {
  private ReleaseFiles() {}

  /**
   * The release in {@code envelope}: verified against {@code publisher} when given, otherwise
   * only parsed (its subject digest must still match its manifest).
   */
  static Release release(Envelope envelope, Optional<VerificationKey> publisher)
      throws CommandFailure {
    try {
      if (publisher.isPresent()) {
        return Attestations.verifyRelease(envelope, publisher.get()).value();
      }
      if (!envelope.payloadType().equals(Statement.PAYLOAD_TYPE)) {
        throw new CommandFailure(ExitCode.REJECTED, "not an in-toto envelope");
      }
      return Release.fromStatement(Statement.parse(envelope.payload()));
    } catch (AttestationVerificationException e) {
      throw new CommandFailure(ExitCode.REJECTED, "release refused: " + e.getMessage(), e);
    } catch (StatementFormatException | PredicateFormatException e) {
      throw new CommandFailure(ExitCode.REJECTED, "not a release: " + e.getMessage(), e);
    }
  }

  /** The release's predicate read as a manifest; it must be exactly the signed document. */
  static ToolManifest manifest(Release release) throws CommandFailure {
    ToolManifest manifest;
    try {
      manifest = new ManifestFormat().parse(JsonOutput.MAPPER.writeValueAsBytes(
          release.manifest()));
    } catch (ManifestException e) {
      throw new CommandFailure(ExitCode.REJECTED,
          "the release's predicate is not a manifest: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
    if (!manifest.digest().equals(release.manifestDigest())) {
      throw new CommandFailure(ExitCode.REJECTED,
          "the release's predicate reads as a different manifest than the one signed");
    }
    if (!manifest.server().name().equals(release.name().serverName())
        || !manifest.server().version().equals(release.name().version())) {
      throw new CommandFailure(ExitCode.REJECTED,
          "the release's subject names another server or version than its manifest");
    }
    return manifest;
  }
}
