package dev.toolseal.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.ReleaseName;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.manifest.ManifestFormat;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.manifest.VisibleText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code toolseal sign}: signs a manifest as a release, a DSSE envelope holding an in-toto
 * statement about {@code <server name>@<version>} with the manifest digest, whose predicate is
 * the manifest.
 */
@Command(name = "sign", mixinStandardHelpOptions = true,
    description = "Sign a manifest as a release (DSSE envelope, predicate "
        + Release.PREDICATE_TYPE + ").",
    exitCodeListHeading = ExitCode.LIST_HEADING,
    exitCodeList = {ExitCode.LIST_OK, ExitCode.LIST_INTERNAL, ExitCode.LIST_USAGE,
        ExitCode.LIST_REJECTED, ExitCode.LIST_IO})
final class SignCommand extends ToolsealCommand {
  @Option(names = "--key", required = true, paramLabel = "<key>",
      description = "The publisher's private key (PEM).")
  Path keyFile;

  @Option(names = "--manifest", required = true, paramLabel = "<manifest.json>",
      description = "The manifest to sign.")
  Path manifestFile;

  @Option(names = "--out", required = true, paramLabel = "<release.dsse.json>",
      description = "Where to write the envelope.")
  Path outFile;

  @Option(names = "--force", description = "Overwrite --out if it exists.")
  boolean force;

  @Override
  int execute() throws CommandFailure {
    ToolManifest manifest = Inputs.manifest(manifestFile);
    SigningKey key = Inputs.signingKey(keyFile);
    Release release = release(manifest);
    Envelope envelope = Attestations.sign(release.toStatement(), List.of(key));
    Outputs.write(outFile, envelope.toJson(), force);
    if (json()) {
      ObjectNode doc = JsonOutput.object();
      doc.put("subject", release.subject().name());
      doc.put("manifestDigest", release.manifestDigest().hex());
      doc.put("keyId", key.keyId().hex());
      doc.put("envelopeDigest", envelope.envelopeDigest().hex());
      doc.put("file", outFile.toString());
      JsonOutput.print(out(), doc);
    } else {
      out().println("signed release " + VisibleText.of(release.subject().name()));
      out().println("  manifest sha256: " + release.manifestDigest().hex());
      out().println("  key id: " + key.keyId().hex());
      out().println("  envelope sha256: " + envelope.envelopeDigest().hex());
      out().println("  written: " + Inputs.show(outFile));
    }
    return ExitCode.OK;
  }

  /**
   * The release of {@code manifest}; its subject digest is the manifest digest. A manifest with a
   * tool whose schema refers outside itself is refused.
   */
  static Release release(ToolManifest manifest) throws CommandFailure {
    Snapshots.requireContainedRefs(manifest, "not signed");
    ReleaseName name;
    try {
      name = new ReleaseName(manifest.server().name(), manifest.server().version());
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCode.REJECTED,
          "the manifest's server name and version cannot name a release: " + e.getMessage(), e);
    }
    ObjectNode document;
    try {
      document = (ObjectNode) JsonOutput.MAPPER.readTree(ManifestFormat.format(manifest));
    } catch (IOException e) {
      throw new IllegalStateException("a formatted manifest always parses", e);
    }
    Release release = new Release(name, document);
    if (!release.manifestDigest().equals(manifest.digest())) {
      throw new IllegalStateException("release digest differs from the manifest digest");
    }
    return release;
  }
}
