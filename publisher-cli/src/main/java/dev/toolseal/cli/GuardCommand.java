package dev.toolseal.cli;

import dev.toolseal.cli.guard.AuditLog;
import dev.toolseal.cli.guard.Guard;
import dev.toolseal.cli.guard.GuardSettings;
import dev.toolseal.cli.guard.LockFile;
import dev.toolseal.cli.guard.LockFileException;
import dev.toolseal.cli.guard.TofuVerifier;
import dev.toolseal.verifier.gate.ManifestVerifier;
import dev.toolseal.verifier.gate.PinnedManifestVerifier;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.VisibleText;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code toolseal guard}: an MCP server on stdin/stdout that starts the real server as a child
 * and relays to it what its verified manifest allows. Not a {@link ToolsealCommand}: stdout is
 * the MCP channel, so there is no {@code --output}; diagnostics go to stderr.
 */
@Command(name = "guard", subcommands = {GuardApproveCommand.class},
    description = {"Run an MCP server behind ToolSeal: tools whose definitions differ from the "
        + "pinned manifest are hidden and their calls refused.",
        "  toolseal guard [--lock f] [--approve-first] [--audit log.jsonl] -- cmd args"},
    exitCodeListHeading = ExitCode.LIST_HEADING,
    exitCodeList = {"0:the client closed the session", ExitCode.LIST_INTERNAL,
        ExitCode.LIST_USAGE, "3:the lock file is unreadable or malformed",
        "4:the server could not be started or exited"})
final class GuardCommand implements Callable<Integer> {
  /** What to do about a changed list entry. */
  enum Policy { QUARANTINE_CHANGED, REJECT_SERVER }

  @Spec
  CommandSpec spec;

  @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message.")
  boolean help;

  @Mixin
  GuardTarget target;

  @Option(names = "--approve-first", description = "With no pin for the server yet, pin the "
      + "first live manifest (trust on first use).")
  boolean approveFirst;

  @Option(names = "--policy", paramLabel = "quarantine-changed|reject-server",
      defaultValue = "quarantine-changed", converter = PolicyConverter.class,
      description = "Hide only changed entries (default), or reject the whole server on any "
          + "change. Changed instructions always reject the server.")
  Policy policy;

  @Option(names = "--audit", paramLabel = "<file>",
      description = "Append every decision to this JSON-lines file.")
  Path audit;

  @Option(names = "--max-message-bytes", paramLabel = "<n>", defaultValue = "4194304",
      description = "The longest message accepted from either side (default 4 MiB).")
  int maxMessageBytes;

  @Option(names = "--shutdown-grace", paramLabel = "<seconds>", defaultValue = "5",
      description = "How long the server may take to exit after the client left (default 5).")
  int graceSeconds;

  /** picocli converter accepting {@code quarantine-changed} and {@code reject-server}. */
  static final class PolicyConverter implements picocli.CommandLine.ITypeConverter<Policy> {
    @Override
    public Policy convert(String value) {
      return Policy.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
  }

  @Override
  public Integer call() throws CommandFailure {
    if (target.command.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "give the server command after --");
    }
    if (target.timeoutSeconds < 1 || graceSeconds < 1 || maxMessageBytes < 1024) {
      throw new ParameterException(spec.commandLine(),
          "--timeout and --shutdown-grace must be at least 1, --max-message-bytes 1024");
    }
    Main main = (Main) spec.root().userObject();
    Clock clock = Clock.systemUTC();
    String name = target.name();
    LockFile lock = new LockFile(target.lock);
    try {
      lock.pinned(name); // a broken lock file stops us here rather than in every verification
    } catch (LockFileException e) {
      throw new CommandFailure(ExitCode.REJECTED, VisibleText.of(e.getMessage()), e);
    }
    ManifestVerifier verifier = verifier(lock, name, clock);
    try (AuditLog log = AuditLog.open(audit, clock, name)) {
      GuardSettings settings = new GuardSettings(new ServerRef(name, GuardTarget.PIN_VERSION),
          target.command, target.env, verifier, log,
          line -> main.rawErr.println("toolseal guard: " + line),
          Duration.ofSeconds(target.timeoutSeconds), maxMessageBytes,
          Duration.ofSeconds(graceSeconds));
      int end = new Guard(settings).run(main.in, main.rawOut, main.rawErr);
      return end == Guard.CLIENT_CLOSED ? ExitCode.OK : ExitCode.IO;
    } catch (IOException e) {
      throw new CommandFailure(ExitCode.IO, "cannot start the server or open the audit log: "
          + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CommandFailure(ExitCode.INTERNAL, "interrupted", e);
    }
  }

  /**
   * The seam where the trust policy is chosen. Today: trust on first use with the lock file.
   * Offline bundles and the registry come later, as other {@link ManifestVerifier}s.
   */
  private ManifestVerifier verifier(LockFile lock, String name, Clock clock) {
    PinnedManifestVerifier.Policy p = policy == Policy.REJECT_SERVER
        ? PinnedManifestVerifier.Policy.REJECT_SERVER
        : PinnedManifestVerifier.Policy.QUARANTINE_CHANGED;
    return new TofuVerifier(lock, name, approveFirst, p, clock);
  }
}
