package dev.toolseal.cli;

import picocli.CommandLine.Option;

/** The {@code --output text|json} option every command has. */
public final class OutputOptions {
  /** How a command writes its result to stdout. */
  public enum Format {
    /** Lines for a person. */
    TEXT,
    /** Exactly one JSON document. */
    JSON
  }

  @Option(names = "--output", paramLabel = "text|json", defaultValue = "text",
      description = "Result format on stdout: text (default) or json (one JSON document).")
  Format format = Format.TEXT;

  /** Whether the result goes out as one JSON document. */
  public boolean json() {
    return format == Format.JSON;
  }
}
