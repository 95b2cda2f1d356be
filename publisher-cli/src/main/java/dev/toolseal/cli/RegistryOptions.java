package dev.toolseal.cli;

import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.registry.RegistryClient;
import dev.toolseal.verifier.registry.RegistryProblemException;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --registry <url>} and {@code --registry-timeout}, and the mapping of registry failures
 * to exit codes: a refusal (a 4xx problem) is {@link ExitCode#REJECTED} and shows the problem's
 * {@code type}; anything else (network, 5xx, a malformed answer) is {@link ExitCode#IO}.
 */
final class RegistryOptions {
  @Option(names = "--registry", paramLabel = "<url>",
      description = "The registry's base URL, e.g. http://localhost:8080.")
  String registry;

  @Option(names = "--registry-timeout", paramLabel = "<seconds>", defaultValue = "30",
      description = "Timeout of each registry request (default 30).")
  int timeoutSeconds;

  /** Options for {@code url} with the default timeout (for {@code review --publish}). */
  static RegistryOptions of(String url) {
    RegistryOptions o = new RegistryOptions();
    o.registry = url;
    o.timeoutSeconds = 30;
    return o;
  }

  boolean given() {
    return registry != null;
  }

  /** The client for {@code --registry}; usage error if it is missing or not an http(s) URL. */
  RegistryClient client(CommandLine cl) {
    if (registry == null) {
      throw new ParameterException(cl, "--registry <url> is required");
    }
    if (timeoutSeconds < 1 || timeoutSeconds > 3600) {
      throw new ParameterException(cl, "--registry-timeout must be 1..3600 seconds");
    }
    try {
      return new RegistryClient(new URI(registry), Duration.ofSeconds(timeoutSeconds));
    } catch (URISyntaxException | IllegalArgumentException e) {
      throw new ParameterException(cl, "--registry is not an http(s) URL: "
          + VisibleText.of(registry));
    }
  }

  /** The failure for a registry exchange that did not succeed. */
  static CommandFailure failure(String doing, IOException e) {
    if (e instanceof RegistryProblemException p && p.status() >= 400 && p.status() < 500) {
      return new CommandFailure(ExitCode.REJECTED, doing + ": the registry answered "
          + p.status() + " " + p.type().orElse("(no problem type)")
          + (p.detail().isEmpty() ? "" : ": " + VisibleText.of(p.detail())), e);
    }
    return new CommandFailure(ExitCode.IO, doing + ": "
        + VisibleText.of(String.valueOf(e.getMessage())), e);
  }
}
