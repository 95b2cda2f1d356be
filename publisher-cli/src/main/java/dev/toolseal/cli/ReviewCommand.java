package dev.toolseal.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.cli.lint.LintReport;
import dev.toolseal.cli.lint.Linter;
import dev.toolseal.cli.lint.Severity;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.Finding;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.Review;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.keys.VerificationKey;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.registry.RegistryClient;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code toolseal review}: an assessor signs a review of a release, in SLSA VSA v1 shape, about
 * the release's subject; {@code --lint} attaches the linter's findings.
 */
@Command(name = "review", mixinStandardHelpOptions = true,
    description = "Sign a review (SLSA verification summary) of a release.",
    exitCodeListHeading = ExitCode.LIST_HEADING,
    exitCodeList = {ExitCode.LIST_OK, ExitCode.LIST_INTERNAL, ExitCode.LIST_USAGE,
        ExitCode.LIST_REJECTED, ExitCode.LIST_IO})
final class ReviewCommand extends ToolsealCommand {
  @Option(names = "--key", required = true, paramLabel = "<assessor.key>",
      description = "The assessor's private key (PEM).")
  Path keyFile;

  @Option(names = "--release", required = true, paramLabel = "<release.dsse.json>",
      description = "The release envelope to review.")
  Path releaseFile;

  @Option(names = "--verdict", required = true, paramLabel = "PASSED|FAILED",
      description = "The verification result.")
  Review.Result verdict;

  @Option(names = "--level", paramLabel = "<level>",
      description = "A verified level (repeatable), e.g. TOOLSEAL_REVIEWED_L1.")
  List<String> levels = new ArrayList<>();

  @Option(names = "--lint", description = "Attach the linter's findings on the manifest.")
  boolean lint;

  @Option(names = "--publisher-key", paramLabel = "<publisher.pub>",
      description = "Check the release's signature with this public key first.")
  Path publisherKeyFile;

  @Option(names = "--verifier-id", paramLabel = "<uri>",
      description = "VSA verifier.id (default: urn:toolseal:key:<assessor key id>).")
  String verifierId;

  @Option(names = "--policy-uri", paramLabel = "<uri>",
      defaultValue = "urn:toolseal:policy:manual-review", description = "VSA policy.uri.")
  String policyUri;

  @Option(names = "--resource-uri", paramLabel = "<uri>",
      description = "VSA resourceUri (default: urn:toolseal:release:<name>@<version>).")
  String resourceUri;

  @Option(names = "--out", required = true, paramLabel = "<review.dsse.json>",
      description = "Where to write the envelope.")
  Path outFile;

  @Option(names = "--force", description = "Overwrite --out if it exists.")
  boolean force;

  @Option(names = "--publish", paramLabel = "<registry url>",
      description = "Also publish the review to this registry and wait for its inclusion proof.")
  String publishTo;

  @Override
  int execute() throws CommandFailure {
    Optional<RegistryClient> registry = publishTo == null ? Optional.empty()
        : Optional.of(RegistryOptions.of(publishTo).client(spec.commandLine()));
    SigningKey key = Inputs.signingKey(keyFile);
    Optional<VerificationKey> publisher = publisherKeyFile == null ? Optional.empty()
        : Optional.of(Inputs.verificationKey(publisherKeyFile));
    Release release = ReleaseFiles.release(Inputs.envelope(releaseFile), publisher);
    if (publisher.isEmpty()) {
      err().println("note: the release's signature was not checked (no --publisher-key)");
    }
    ToolManifest manifest = ReleaseFiles.manifest(release);
    List<Finding> findings = List.of();
    long high = 0;
    if (lint) {
      LintReport report = Linter.lint(manifest);
      findings = report.toReviewFindings(Review.MAX_FINDINGS);
      high = report.count(Severity.HIGH);
      if (report.findings().size() > findings.size()) {
        err().println("warning: attaching the first " + findings.size() + " of "
            + report.findings().size() + " lint findings");
      }
      if (verdict == Review.Result.PASSED && high > 0) {
        err().println("warning: verdict PASSED although lint found " + high + " high finding(s)");
      }
    }
    Review review;
    try {
      review = new Review(release.subject(),
          verifierId != null ? verifierId : "urn:toolseal:key:" + key.keyId().hex(),
          Instant.now().truncatedTo(ChronoUnit.SECONDS),
          resourceUri != null ? resourceUri : "urn:toolseal:release:" + release.subject().name(),
          policyUri, Optional.empty(), verdict, levels, findings);
    } catch (IllegalArgumentException e) {
      throw new CommandFailure(ExitCode.USAGE, "cannot form the review: " + e.getMessage(), e);
    }
    Envelope envelope;
    try {
      envelope = Attestations.sign(review.toStatement(), List.of(key));
    } catch (IllegalArgumentException e) {
      // only a review with very many, very long findings can pass the envelope size bound
      throw new CommandFailure(ExitCode.REJECTED,
          "the review does not fit in an envelope: " + e.getMessage(), e);
    }
    Outputs.write(outFile, envelope.toJson(), force);
    Optional<Submissions.Submitted> published = Optional.empty();
    if (registry.isPresent()) {
      published = Optional.of(Submissions.submit(registry.get(), "/v1/reviews", envelope, 60,
          Optional.empty(), err()));
    }
    if (json()) {
      ObjectNode doc = JsonOutput.object();
      doc.put("subject", release.subject().name());
      doc.put("manifestDigest", release.manifestDigest().hex());
      doc.put("verdict", verdict.name());
      doc.put("findings", findings.size());
      doc.put("highFindings", high);
      doc.put("keyId", key.keyId().hex());
      doc.put("envelopeDigest", envelope.envelopeDigest().hex());
      doc.put("file", outFile.toString());
      published.ifPresent(p -> doc.set("published", Submissions.json(p)));
      JsonOutput.print(out(), doc);
    } else {
      out().println("signed review " + verdict + " of " + VisibleText.of(release.subject().name()));
      out().println("  manifest sha256: " + release.manifestDigest().hex());
      out().println("  findings attached: " + findings.size());
      out().println("  key id: " + key.keyId().hex());
      out().println("  envelope sha256: " + envelope.envelopeDigest().hex());
      out().println("  written: " + Inputs.show(outFile));
      published.ifPresent(p -> Submissions.print(out(), p));
    }
    return ExitCode.OK;
  }
}
