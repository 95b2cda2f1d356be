package dev.toolseal.cli;

import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.KeyBinding;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.registry.RegistryClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code toolseal bind}: binds a key to a namespace in the registry. It asks the registry for a
 * challenge, signs a key-binding statement carrying that nonce with the key itself (proof of
 * possession) and submits it; then waits for the log to integrate it.
 */
@Command(name = "bind", mixinStandardHelpOptions = true,
    description = {"Bind a publisher (or assessor:<name>) key to a namespace in the registry.",
        "toolseal bind --registry URL --key acme.key --namespace io.github.acme"},
    exitCodeListHeading = ExitCode.LIST_HEADING,
    exitCodeList = {ExitCode.LIST_OK, ExitCode.LIST_INTERNAL, ExitCode.LIST_USAGE,
        "3:refused by the registry (its problem type is shown), or a key or proof rejected",
        ExitCode.LIST_IO})
final class BindCommand extends ToolsealCommand {
  @Mixin
  RegistryOptions registry = new RegistryOptions();

  @Option(names = "--key", required = true, paramLabel = "<key>",
      description = "The private key to bind (PEM); it signs the binding.")
  Path keyFile;

  @Option(names = "--namespace", required = true, paramLabel = "<namespace>",
      description = "The namespace, e.g. io.github.acme, or assessor:<name> for a reviewer.")
  String namespace;

  @Option(names = "--out", paramLabel = "<binding.dsse.json>",
      description = "Also write the signed binding envelope here.")
  Path outFile;

  @Mixin
  SubmitOptions submission = new SubmitOptions();

  @Override
  int execute() throws CommandFailure {
    RegistryClient client = registry.client(spec.commandLine());
    var trusted = submission.trustedLogKey(spec.commandLine());
    SigningKey key = Inputs.signingKey(keyFile);
    String nonce;
    try {
      nonce = client.challenge();
    } catch (IOException e) {
      throw RegistryOptions.failure("getting a challenge from " + client.base(), e);
    }
    KeyBinding binding;
    try {
      binding = new KeyBinding(namespace, key.verificationKey(), Optional.of(nonce));
    } catch (IllegalArgumentException e) {
      if (KeyBinding.isNonce(nonce)) {
        throw new ParameterException(spec.commandLine(), "bad --namespace: " + e.getMessage());
      }
      throw new CommandFailure(ExitCode.IO, "the registry's challenge is not a nonce", e);
    }
    Envelope envelope = Attestations.sign(binding.toStatement(), List.of(key));
    if (outFile != null) {
      Outputs.write(outFile, envelope.toJson(), false);
    }
    return submission.submit(this, client, "/v1/keys/bind", envelope, trusted);
  }
}
