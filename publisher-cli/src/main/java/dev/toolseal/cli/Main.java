package dev.toolseal.cli;

import dev.toolseal.verifier.manifest.VisibleText;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code toolseal} command. {@link #run} does everything and returns the exit code, so every
 * command runs in-process in tests; only {@link #main} exits.
 */
@Command(name = "toolseal", mixinStandardHelpOptions = true, version = "toolseal 0.1.0",
    description = "Sign, review and check MCP tool manifests.",
    subcommands = {KeygenCommand.class, SnapshotCommand.class, LintCommand.class,
        DiffCommand.class, SignCommand.class, ReviewCommand.class, InspectCommand.class,
        GuardCommand.class, VerifyCommand.class, BindCommand.class, PublishCommand.class,
        MonitorCommand.class, CheckpointsCommand.class, OwnershipRecordCommand.class},
    exitCodeListHeading = ExitCode.LIST_HEADING,
    exitCodeList = {ExitCode.LIST_OK, ExitCode.LIST_INTERNAL, ExitCode.LIST_USAGE,
        ExitCode.LIST_REJECTED, ExitCode.LIST_IO})
public final class Main implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  public static void main(String[] args) {
    // the MCP SDK logs through SLF4J, which has no provider here: keep its notice off stderr
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    System.exit(run(System.getenv(), System.in, System.out, System.err, args));
  }

  /** The raw streams of this run: {@code guard} speaks MCP over them. */
  InputStream in = InputStream.nullInputStream();
  PrintStream rawOut;
  PrintStream rawErr;

  /**
   * The environment of this run: only {@link #main} passes the process's own, so a test never
   * touches the real home directory (the default checkpoint directory lives there).
   */
  Map<String, String> env = Map.of();

  /**
   * Runs one command line. The result goes to {@code out} (UTF-8), diagnostics and progress to
   * {@code err}.
   *
   * @return the exit code, see {@link ExitCode}
   */
  public static int run(PrintStream out, PrintStream err, String... args) {
    return run(InputStream.nullInputStream(), out, err, args);
  }

  /**
   * Runs one command line with {@code in} as its standard input ({@code guard} reads the MCP
   * client from it; {@code guard approve} reads the answer to its question).
   *
   * @return the exit code, see {@link ExitCode}
   */
  public static int run(InputStream in, PrintStream out, PrintStream err, String... args) {
    return run(Map.of(), in, out, err, args);
  }

  /**
   * Runs one command line in the environment {@code env} (read for {@code XDG_STATE_HOME} and
   * {@code HOME}, where the checkpoints seen are kept by default).
   *
   * @return the exit code, see {@link ExitCode}
   */
  public static int run(Map<String, String> env, InputStream in, PrintStream out,
      PrintStream err, String... args) {
    PrintWriter o = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
    PrintWriter e = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true);
    Main main = new Main();
    main.in = in;
    main.env = Map.copyOf(env);
    main.rawOut = out;
    main.rawErr = err;
    CommandLine cl = new CommandLine(main);
    cl.setOut(o);
    cl.setErr(e);
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setExecutionExceptionHandler(Main::failed);
    int code;
    try {
      code = cl.execute(args);
    } finally {
      o.flush();
      e.flush();
    }
    return code;
  }

  /** Without a subcommand: a usage error. */
  @Override
  public Integer call() {
    throw new ParameterException(spec.commandLine(), "a command is required");
  }

  private static int failed(Exception ex, CommandLine cl, ParseResult parsed) {
    int code;
    String message;
    if (ex instanceof CommandFailure f) {
      code = f.exitCode();
      message = f.getMessage();
    } else {
      code = ExitCode.INTERNAL;
      message = "internal error: " + ex.getClass().getName()
          + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
    }
    // library messages can quote input (a bad timestamp, a JSON token): never print it raw
    message = VisibleText.of(message);
    cl.getErr().println("toolseal " + cl.getCommandName() + ": " + message);
    if (cl.getCommand() instanceof ToolsealCommand c && c.json()) {
      var doc = JsonOutput.object();
      doc.putObject("error").put("exitCode", code).put("message", message);
      JsonOutput.print(cl.getOut(), doc);
    }
    return code;
  }
}
