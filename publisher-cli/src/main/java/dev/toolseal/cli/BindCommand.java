package dev.toolseal.cli;

import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.KeyBinding;
import dev.toolseal.verifier.attest.Ownership;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.registry.RegistryClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code toolseal bind}: binds a key to a namespace in the registry. It asks the registry for a
 * challenge, signs a key-binding statement carrying that nonce and, with {@code --prove}, an
 * ownership proof, with the key itself (proof of possession) and submits it; then waits for the
 * log to integrate it. The registry checks the proof (see {@code toolseal ownership-record} for
 * the record a domain publishes).
 */
@Command(name = "bind", mixinStandardHelpOptions = true,
    description = {"Bind a publisher (or assessor:<domain>) key to a namespace in the registry.",
        "toolseal bind --registry URL --key acme.key --namespace com.example "
            + "--prove dns --domain example.com",
        "toolseal bind --registry URL --key acme.key --namespace io.github.acme "
            + "--prove github-oidc --owner acme --oidc-token-file token.jwt"},
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

  /** The proof methods, by their wire names. */
  enum Prove {
    DNS, HTTP, GITHUB_OIDC
  }

  /** The environment variable a {@code github-oidc} token is read from without a file. */
  static final String TOKEN_ENV = "TOOLSEAL_OIDC_TOKEN";

  @Option(names = "--prove", paramLabel = "dns|http|github-oidc",
      converter = ProveConverter.class,
      description = "Prove control of the namespace: dns (a TXT record on --domain), http "
          + "(https://<domain>/.well-known/mcp-registry-auth) or github-oidc (a GitHub Actions "
          + "OIDC token for --owner). Registries refuse unproven bindings unless they run "
          + "first come.")
  Prove prove;

  @Option(names = "--domain", paramLabel = "<domain>",
      description = "The domain proven with dns or http, e.g. example.com.")
  String domain;

  @Option(names = "--owner", paramLabel = "<github-owner>",
      description = "The GitHub user or organization proven with github-oidc.")
  String owner;

  @Option(names = "--oidc-token-file", paramLabel = "<file>",
      description = "The GitHub Actions OIDC token (github-oidc); default: the environment "
          + "variable " + TOKEN_ENV + ".")
  Path tokenFile;

  /** Reads dns, http, github-oidc. */
  static final class ProveConverter implements ITypeConverter<Prove> {
    @Override
    public Prove convert(String value) {
      for (Prove p : Prove.values()) {
        if (p.name().toLowerCase(Locale.ROOT).replace('_', '-').equals(value)) {
          return p;
        }
      }
      throw new TypeConversionException(
          "expected dns, http or github-oidc but was '" + value + "'");
    }
  }

  @Mixin
  SubmitOptions submission = new SubmitOptions();

  @Override
  int execute() throws CommandFailure {
    RegistryClient client = registry.client(spec.commandLine());
    var trusted = submission.trustedLogKey(spec.commandLine());
    SigningKey key = Inputs.signingKey(keyFile);
    Optional<Ownership> proof = proof();
    String nonce;
    try {
      nonce = client.challenge();
    } catch (IOException e) {
      throw RegistryOptions.failure("getting a challenge from " + client.base(), e);
    }
    KeyBinding binding;
    try {
      binding = new KeyBinding(namespace, key.verificationKey(), Optional.of(nonce), proof);
    } catch (IllegalArgumentException e) {
      if (KeyBinding.isNonce(nonce)) {
        throw new ParameterException(spec.commandLine(),
            "bad --namespace" + (proof.isPresent() ? " or proof" : "") + ": " + e.getMessage());
      }
      throw new CommandFailure(ExitCode.IO, "the registry's challenge is not a nonce", e);
    }
    Envelope envelope = Attestations.sign(binding.toStatement(), List.of(key));
    if (outFile != null) {
      Outputs.write(outFile, envelope.toJson(), false);
    }
    return submission.submit(this, client, "/v1/keys/bind", envelope, trusted);
  }

  /** The proof the options ask for, checked for shape; a usage error when they do not fit. */
  private Optional<Ownership> proof() throws CommandFailure {
    if (prove == null) {
      if (domain != null || owner != null || tokenFile != null) {
        throw usage("--domain, --owner and --oidc-token-file go with --prove");
      }
      return Optional.empty();
    }
    try {
      if (prove == Prove.GITHUB_OIDC) {
        if (owner == null || domain != null) {
          throw usage("--prove github-oidc takes --owner (and no --domain)");
        }
        return Optional.of(Ownership.githubOidc(owner, token()));
      }
      if (domain == null || owner != null || tokenFile != null) {
        throw usage("--prove dns|http takes --domain (and no --owner or token)");
      }
      return Optional.of(prove == Prove.DNS ? Ownership.dns(domain) : Ownership.http(domain));
    } catch (IllegalArgumentException e) {
      throw usage("bad proof: " + e.getMessage());
    }
  }

  private String token() throws CommandFailure {
    if (tokenFile != null) {
      byte[] bytes = Inputs.read(tokenFile, Ownership.MAX_TOKEN_CHARS + 2);
      return new String(bytes, StandardCharsets.US_ASCII).strip();
    }
    Map<String, String> env = ((Main) spec.root().userObject()).env;
    String token = env.get(TOKEN_ENV);
    if (token == null || token.isBlank()) {
      throw usage("--prove github-oidc needs --oidc-token-file or " + TOKEN_ENV);
    }
    return token.strip();
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
