package dev.toolseal.cli;

import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.mcp.McpEndpoint;
import dev.toolseal.verifier.mcp.McpRecordingException;
import dev.toolseal.verifier.mcp.RecordingLimits;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * The live server a command talks to, as a picocli mixin: a stdio command after {@code --} or a
 * streamable HTTP {@code --url}, with {@code --env} and a per-request {@code --timeout}. Shared by
 * {@code snapshot} and {@code verify}.
 */
final class LiveServer {
  @Option(names = "--url", paramLabel = "<url>",
      description = "Streamable HTTP endpoint, e.g. http://localhost:3000/mcp.")
  String url;

  @Option(names = "--env", paramLabel = "KEY=VALUE",
      description = "Extra environment variable for a stdio server (repeatable).")
  Map<String, String> env = new LinkedHashMap<>();

  @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "30",
      description = "How long one request may take (default 30).")
  int timeoutSeconds;

  @Parameters(paramLabel = "<command>", arity = "0..*",
      description = "The stdio server command and its arguments, after --.")
  List<String> command = new ArrayList<>();

  /** The endpoint the options name; a usage error unless exactly one of --url and a command. */
  McpEndpoint endpoint(CommandLine cl) {
    if ((url == null) == command.isEmpty()) {
      throw new ParameterException(cl, "give either --url or a server command after --, not both");
    }
    if (url == null) {
      return new McpEndpoint.Stdio(command.get(0), command.subList(1, command.size()), env);
    }
    try {
      URI uri = new URI(url);
      URI base = new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), null, null, null);
      String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/mcp"
          : uri.getRawPath();
      return new McpEndpoint.StreamableHttp(base, path);
    } catch (URISyntaxException | IllegalArgumentException | NullPointerException e) {
      throw new ParameterException(cl, "--url is not an http(s) URL");
    }
  }

  /** The default recording limits with --timeout per request (at least one second). */
  RecordingLimits limits(CommandLine cl) {
    if (timeoutSeconds < 1) {
      throw new ParameterException(cl, "--timeout must be at least 1 second");
    }
    RecordingLimits d = RecordingLimits.DEFAULT;
    return new RecordingLimits(d.maxMessageChars(), d.maxTotalChars(), d.maxPages(),
        Duration.ofSeconds(timeoutSeconds));
  }

  /** A failed recording as the command's failure, its exit code chosen by the reason. */
  static CommandFailure recordingFailed(McpRecordingException e) {
    return new CommandFailure(Snapshots.exitCode(e), "recording failed: "
        + VisibleText.of(e.getMessage()) + (e.evidence().isEmpty() ? ""
            : " (evidence: " + VisibleText.of(e.evidence()) + ")"), e);
  }
}
