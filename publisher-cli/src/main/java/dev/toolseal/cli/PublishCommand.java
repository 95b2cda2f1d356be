package dev.toolseal.cli;

import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.KeyRevocation;
import dev.toolseal.verifier.attest.KeyRotation;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.ReleaseYank;
import dev.toolseal.verifier.attest.Review;
import dev.toolseal.verifier.attest.Statement;
import dev.toolseal.verifier.attest.StatementFormatException;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.registry.RegistryClient;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code toolseal publish}: signs a manifest as a release and submits it to the registry, or
 * submits an already signed envelope (release, review, yank, key rotation or revocation: the
 * endpoint follows the statement's predicate type). Prints the log index and, once the log has
 * integrated the entry, its inclusion proof and checkpoint.
 */
@Command(name = "publish", mixinStandardHelpOptions = true,
    description = {"Publish a release (or another signed envelope) to the registry.",
        "toolseal publish --registry URL --key acme.key --manifest m.json [--out r.dsse.json]",
        "toolseal publish --registry URL --envelope r.dsse.json"},
    exitCodeListHeading = ExitCode.LIST_HEADING,
    exitCodeList = {ExitCode.LIST_OK, ExitCode.LIST_INTERNAL, ExitCode.LIST_USAGE,
        "3:refused by the registry (its problem type is shown), or an input or proof rejected",
        ExitCode.LIST_IO})
final class PublishCommand extends ToolsealCommand {
  private static final Map<String, String> PATHS = Map.of(
      Release.PREDICATE_TYPE, "/v1/releases",
      Review.PREDICATE_TYPE, "/v1/reviews",
      ReleaseYank.PREDICATE_TYPE, "/v1/yanks",
      KeyRotation.PREDICATE_TYPE, "/v1/keys/rotate",
      KeyRevocation.PREDICATE_TYPE, "/v1/keys/revoke");

  @Mixin
  RegistryOptions registry = new RegistryOptions();

  @ArgGroup(exclusive = true, multiplicity = "1")
  Input input;

  static final class Input {
    @Option(names = "--envelope", paramLabel = "<envelope.json>",
        description = "A signed envelope to submit as it is.")
    Path envelope;

    @ArgGroup(exclusive = false)
    SignInput sign;
  }

  static final class SignInput {
    @Option(names = "--key", required = true, paramLabel = "<key>",
        description = "The publisher's private key (PEM).")
    Path key;

    @Option(names = "--manifest", required = true, paramLabel = "<manifest.json>",
        description = "The manifest to sign as a release.")
    Path manifest;
  }

  @Option(names = "--out", paramLabel = "<release.dsse.json>",
      description = "With --manifest: also write the signed release envelope here.")
  Path outFile;

  @Option(names = "--force", description = "Overwrite --out if it exists.")
  boolean force;

  @Mixin
  SubmitOptions submission = new SubmitOptions();

  @Override
  int execute() throws CommandFailure {
    RegistryClient client = registry.client(spec.commandLine());
    var trusted = submission.trustedLogKey(spec.commandLine());
    Envelope envelope;
    if (input.envelope != null) {
      envelope = Inputs.envelope(input.envelope);
    } else {
      SigningKey key = Inputs.signingKey(input.sign.key);
      Release release = SignCommand.release(Inputs.manifest(input.sign.manifest));
      envelope = Attestations.sign(release.toStatement(), List.of(key));
      if (outFile != null) {
        Outputs.write(outFile, envelope.toJson(), force);
      }
      err().println("signed release " + VisibleText.of(release.subject().name()) + " with key "
          + key.keyId().hex());
    }
    String path = pathFor(envelope);
    return submission.submit(this, client, path, envelope, trusted);
  }

  /** The write endpoint for the envelope's predicate type. */
  static String pathFor(Envelope envelope) throws CommandFailure {
    String type;
    try {
      if (!envelope.payloadType().equals(Statement.PAYLOAD_TYPE)) {
        throw new CommandFailure(ExitCode.REJECTED, "not an in-toto envelope");
      }
      type = Statement.parse(envelope.payload()).predicateType();
    } catch (StatementFormatException e) {
      throw new CommandFailure(ExitCode.REJECTED, "the envelope holds no valid statement: "
          + VisibleText.of(String.valueOf(e.getMessage())), e);
    }
    String path = PATHS.get(type);
    if (path == null) {
      throw new CommandFailure(ExitCode.REJECTED, "cannot publish a statement of type "
          + VisibleText.of(type) + (type.equals(dev.toolseal.verifier.attest.KeyBinding
              .PREDICATE_TYPE) ? " here; use toolseal bind" : ""));
    }
    return path;
  }
}
