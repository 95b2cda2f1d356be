package dev.toolseal.cli;

import dev.toolseal.verifier.log.FileCheckpointStore;
import dev.toolseal.verifier.manifest.VisibleText;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code toolseal checkpoints}: the checkpoints {@code verify} and {@code guard} remember. Its one
 * subcommand, {@code clear-fork}, is how a person lets a log that was seen to fork be used again,
 * after checking the evidence kept in the store.
 */
@Command(name = "checkpoints", mixinStandardHelpOptions = true,
    description = "Manage the log checkpoints remembered by verify and guard.",
    subcommands = CheckpointsCommand.ClearFork.class,
    exitCodeListHeading = ExitCode.LIST_HEADING,
    exitCodeList = {ExitCode.LIST_OK, ExitCode.LIST_INTERNAL, ExitCode.LIST_USAGE,
        ExitCode.LIST_IO})
final class CheckpointsCommand extends ToolsealCommand {
  @Override
  int execute() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required: clear-fork");
  }

  /** {@code toolseal checkpoints clear-fork --log <origin>}. */
  @Command(name = "clear-fork", mixinStandardHelpOptions = true,
      description = {"Remove the fork record of a log, so verify and guard accept it again.",
          "A log seen to fork (two checkpoints signed by its key that cannot both be true) is "
              + "refused on every run until this is done. Check the evidence file first: it "
              + "holds both signed checkpoints and the proof, for anyone to verify.",
          "toolseal checkpoints clear-fork --log log.example.org [--checkpoints <dir>]"},
      exitCodeListHeading = ExitCode.LIST_HEADING,
      exitCodeList = {"0:the fork record was removed", ExitCode.LIST_INTERNAL,
          "2:usage error, or the log has no fork record", ExitCode.LIST_IO})
  static final class ClearFork extends ToolsealCommand {
    @Option(names = "--log", required = true, paramLabel = "<origin>",
        description = "The log's origin (the name in its checkpoints and its --log-key).")
    String log;

    @Option(names = "--checkpoints", paramLabel = "<dir>",
        description = "The checkpoint directory (default: as for verify and guard).")
    Path checkpoints;

    @Override
    int execute() throws CommandFailure {
      Main main = (Main) spec.root().userObject();
      Path dir = CheckpointDirectory.resolve(spec.commandLine(), main.env, checkpoints);
      FileCheckpointStore store = CheckpointDirectory.open(dir);
      try {
        Optional<String> record = store.forkRecord(log);
        if (record.isEmpty() || !store.clearFork(log)) {
          throw new ParameterException(spec.commandLine(), "no fork record of log "
              + VisibleText.of(log) + " in " + VisibleText.of(store.directory().toString()));
        }
        if (json()) {
          var doc = JsonOutput.object();
          doc.put("log", log).put("cleared", record.get());
          JsonOutput.print(out(), doc);
        } else {
          out().println("cleared the fork record of log " + VisibleText.of(log) + " ("
              + VisibleText.of(record.get()) + ")");
        }
        return ExitCode.OK;
      } catch (IOException | IllegalArgumentException e) {
        throw new CommandFailure(ExitCode.IO, "cannot clear the fork record in "
            + VisibleText.of(dir.toString()) + ": " + VisibleText.of(String.valueOf(e)), e);
      }
    }
  }
}
