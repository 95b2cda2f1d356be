package dev.toolseal.cli;

import dev.toolseal.tlog.note.NoteVerifier;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.registry.RegistryClient;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * {@code --wait} and {@code --log-key} of the commands that submit one envelope to the registry
 * ({@code bind}, {@code publish}), and how they report it: the receipt, then the inclusion proof
 * and checkpoint once the log integrated the entry ({@link Submissions}).
 */
final class SubmitOptions {
  @Option(names = "--wait", paramLabel = "<seconds>", defaultValue = "60",
      description = "Wait this long for the inclusion proof (0: do not wait; default 60).")
  int waitSeconds;

  @Option(names = "--log-key", paramLabel = "<verifier key>",
      description = "Verify the inclusion proof and checkpoint against this log key.")
  String logKey;

  /** The trusted log key, parsed; a usage error if malformed. Call it before doing any work. */
  Optional<NoteVerifier> trustedLogKey(CommandLine cl) {
    return Optional.ofNullable(logKey).map(k -> LogKeys.parse(cl, k));
  }

  /** Submits {@code envelope} to {@code path}, waits as asked, and prints the outcome. */
  int submit(ToolsealCommand command, RegistryClient client, String path, Envelope envelope,
      Optional<NoteVerifier> trusted) throws CommandFailure {
    Submissions.Submitted s = Submissions.submit(client, path, envelope, waitSeconds, trusted,
        command.err());
    if (command.json()) {
      JsonOutput.print(command.out(), Submissions.json(s));
    } else {
      Submissions.print(command.out(), s);
    }
    return ExitCode.OK;
  }
}
