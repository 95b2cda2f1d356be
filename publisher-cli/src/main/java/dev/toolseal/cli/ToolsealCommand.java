package dev.toolseal.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * What every subcommand shares: {@code --output}, stdout for the result, stderr for diagnostics.
 * A subcommand is a thin adapter: it reads its inputs, calls the library, and prints.
 */
abstract class ToolsealCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  OutputOptions output;

  /** Does the work; returns an {@link ExitCode} or throws a {@link CommandFailure}. */
  abstract int execute() throws CommandFailure;

  @Override
  public final Integer call() throws CommandFailure {
    return execute();
  }

  PrintWriter out() {
    return spec.commandLine().getOut();
  }

  PrintWriter err() {
    return spec.commandLine().getErr();
  }

  boolean json() {
    return output != null && output.json();
  }
}
