package dev.toolseal.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options {@code guard} and {@code guard approve} share: which server, which lock file. */
final class GuardTarget {
  /** The version part of a local pin's release identity. */
  static final String PIN_VERSION = "pinned";

  @Option(names = "--name", paramLabel = "<name>",
      description = "The name the server is pinned under (default: the command line, or the "
          + "--url); with --registry, the server name of its release.")
  String name;

  @Option(names = "--lock", paramLabel = "<file>", defaultValue = "toolseal.lock.json",
      description = "The lock file with the pinned manifests (default ./toolseal.lock.json); "
          + "guard trusts on first use only when it is given.")
  Path lock;

  @Option(names = "--env", paramLabel = "KEY=VALUE",
      description = "Extra environment variable for the server (repeatable).")
  Map<String, String> env = new LinkedHashMap<>();

  @Option(names = "--timeout", paramLabel = "<seconds>", defaultValue = "30",
      description = "How long one of ToolSeal's own requests may take (default 30).")
  int timeoutSeconds;

  @Parameters(paramLabel = "<command>", arity = "0..*",
      description = "The stdio server command and its arguments, after --.")
  List<String> command = new ArrayList<>();

  String name() {
    return name != null ? name : String.join(" ", command);
  }
}
