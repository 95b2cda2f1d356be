package dev.toolseal.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.log.CheckpointStore;
import dev.toolseal.verifier.log.LogForkException;
import dev.toolseal.verifier.log.LogLeaf;
import dev.toolseal.verifier.log.LogTrust;
import dev.toolseal.verifier.log.MemoryCheckpointStore;
import dev.toolseal.verifier.log.UntrustedCheckpointException;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.monitor.LogMonitor;
import dev.toolseal.verifier.monitor.LogTamperedException;
import dev.toolseal.verifier.monitor.WatchPolicy;
import dev.toolseal.verifier.registry.RegistryClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code toolseal monitor}: follows a registry's transparency log ({@link LogMonitor}) and reports
 * entries of watched namespaces not made with the expected keys, and any fork of the log.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
    description = {"Follow the registry's log; alert on entries of watched namespaces made "
        + "with unexpected keys, and on log forks.",
        "toolseal monitor --registry URL --log-key KEY --watch io.github.acme "
            + "--expect-key acme.pub --checkpoints ~/.toolseal/cp --once"},
    exitCodeListHeading = ExitCode.LIST_HEADING,
    exitCodeList = {"0:no alert (with --once: one pass done)", ExitCode.LIST_INTERNAL,
        ExitCode.LIST_USAGE, "3:alert: an unexpected entry, a fork, or a tampered entry",
        ExitCode.LIST_IO})
final class MonitorCommand extends ToolsealCommand {
  @Mixin
  RegistryOptions registry = new RegistryOptions();

  @Option(names = "--log-key", required = true, paramLabel = "<verifier key>",
      description = "The log's note verifier key (name+hexid+base64).")
  List<String> logKeys = new ArrayList<>();

  @Mixin
  WitnessOptions witnessOptions = new WitnessOptions();

  @Option(names = "--watch", required = true, paramLabel = "<namespace>",
      description = "A namespace to watch (repeatable), e.g. io.github.acme or assessor:acme.")
  List<String> namespaces = new ArrayList<>();

  @Option(names = "--expect-key", paramLabel = "<pub.pem>",
      description = "A key allowed to act for the watched namespaces (repeatable).")
  List<Path> expectedKeys = new ArrayList<>();

  @Option(names = "--checkpoints", paramLabel = "<dir>",
      description = "Directory keeping the last checkpoint read, so the next run goes on from "
          + "there and a fork between runs is caught (default: "
          + "$XDG_STATE_HOME/toolseal/monitor/<hash of the watched namespaces>, else under "
          + "$HOME/.local/state; not verify's checkpoints).")
  Path checkpoints;

  @Option(names = "--checkpoints-in-memory",
      description = "Keep nothing between runs: each run reads the log from the start.")
  boolean checkpointsInMemory;

  @Option(names = "--once", description = "One pass, then exit.")
  boolean once;

  @Option(names = "--interval", paramLabel = "<seconds>", defaultValue = "30",
      description = "Seconds between passes without --once (default 30).")
  int interval;

  @Override
  int execute() throws CommandFailure {
    RegistryClient client = registry.client(spec.commandLine());
    LogTrust trust = LogKeys.trust(spec.commandLine(), logKeys, witnessOptions);
    Set<KeyId> expected = new HashSet<>();
    for (Path p : expectedKeys) {
      expected.add(Inputs.verificationKey(p).keyId());
    }
    if (interval < 1) {
      throw new ParameterException(spec.commandLine(),
          "--interval must be at least 1 second");
    }
    WatchPolicy watch = new WatchPolicy(new HashSet<>(namespaces), expected);
    CheckpointStore store = store();
    while (true) {
      LogMonitor.Pass pass = pass(client, trust, store, watch);
      report(pass);
      if (!pass.alerts().isEmpty()) {
        return ExitCode.REJECTED;
      }
      if (once) {
        return ExitCode.OK;
      }
      try {
        Thread.sleep(interval * 1000L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return ExitCode.OK;
      }
    }
  }

  /**
   * {@code --checkpoints}, the monitor's own state directory for the watched namespaces
   * ({@link CheckpointDirectory#monitorState}), or memory when asked for by name (said on
   * stderr).
   */
  private CheckpointStore store() throws CommandFailure {
    if (checkpointsInMemory) {
      if (checkpoints != null) {
        throw new ParameterException(spec.commandLine(), "give --checkpoints or "
            + "--checkpoints-in-memory, not both");
      }
      err().println("checkpoints are kept in memory only (--checkpoints-in-memory): the log is "
          + "read from the start and a fork between runs is not caught");
      return new MemoryCheckpointStore();
    }
    Path dir = CheckpointDirectory.monitorState(spec.commandLine(),
        ((Main) spec.root().userObject()).env, checkpoints, namespaces);
    return CheckpointDirectory.announcingFirstUse(CheckpointDirectory.open(dir),
        err()::println);
  }

  private LogMonitor.Pass pass(RegistryClient client, LogTrust trust, CheckpointStore store,
      WatchPolicy watch) throws CommandFailure {
    err().println("reading the log of " + client.base() + " ...");
    try {
      return LogMonitor.poll(client, trust, store, watch);
    } catch (LogForkException e) {
      throw new CommandFailure(ExitCode.REJECTED, "ALERT " + e.getMessage(), e);
    } catch (LogTamperedException e) {
      throw new CommandFailure(ExitCode.REJECTED, "ALERT " + e.getMessage(), e);
    } catch (UntrustedCheckpointException e) {
      throw new CommandFailure(ExitCode.REJECTED, "ALERT the registry's checkpoint is not "
          + "trusted (--log-key, --witness): " + VisibleText.of(e.getMessage()), e);
    } catch (IOException e) {
      throw RegistryOptions.failure("reading the log", e);
    }
  }

  private void report(LogMonitor.Pass pass) {
    Checkpoint c = pass.checkpoint().checkpoint();
    if (json()) {
      ObjectNode doc = JsonOutput.object();
      doc.put("origin", c.origin());
      doc.put("fromSize", pass.fromSize());
      doc.put("toSize", pass.toSize());
      doc.put("rootHash", c.root().base64());
      ArrayNode entries = doc.putArray("entries");
      for (LogMonitor.Entry e : pass.watched()) {
        ObjectNode n = entries.addObject();
        n.put("index", e.index());
        e.leaf().ifPresent(l -> {
          n.put("kind", l.kind().wireName());
          n.put("name", l.name());
          n.put("version", l.version());
          n.put("keyId", l.keyId().hex());
          n.put("digest", l.digest().hex());
        });
        if (e.alert().isPresent()) {
          n.put("alert", e.alert().get());
        } else {
          n.putNull("alert");
        }
      }
      doc.put("alerts", pass.alerts().size());
      JsonOutput.print(out(), doc);
      return;
    }
    out().println("log " + VisibleText.of(c.origin()) + ": read entries " + pass.fromSize()
        + ".." + pass.toSize() + " (root " + c.root().base64() + ")");
    for (LogMonitor.Entry e : pass.watched()) {
      String what = e.leaf().map(MonitorCommand::describe).orElse("unreadable entry");
      out().println("  " + (e.alert().isPresent() ? "ALERT " : "ok    ") + e.index() + " "
          + what + e.alert().map(a -> ": " + VisibleText.of(a)).orElse(""));
    }
  }

  private static String describe(LogLeaf l) {
    return l.kind().wireName() + " " + VisibleText.of(l.name())
        + (l.version().isEmpty() ? "" : "@" + VisibleText.of(l.version())) + " key "
        + l.keyId().hex();
  }
}
