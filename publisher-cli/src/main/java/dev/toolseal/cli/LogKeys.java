package dev.toolseal.cli;

import dev.toolseal.tlog.note.CosignatureVerifier;
import dev.toolseal.tlog.note.KeyFormatException;
import dev.toolseal.tlog.note.NoteVerifier;
import dev.toolseal.verifier.log.LogTrust;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/**
 * {@code --log-key} values: C2SP note verifier keys; a malformed one is a usage error. With
 * {@link WitnessOptions}, the witness quorum and maximum checkpoint age too.
 */
final class LogKeys {
  private LogKeys() {}

  static NoteVerifier parse(CommandLine cl, String key) {
    try {
      return NoteVerifier.parse(key);
    } catch (KeyFormatException | IllegalArgumentException e) {
      throw new ParameterException(cl, "--log-key is not a note verifier key: " + e.getMessage());
    }
  }

  static LogTrust trust(CommandLine cl, List<String> keys, WitnessOptions witnessOptions) {
    List<NoteVerifier> parsed = new ArrayList<>();
    for (String k : keys) {
      parsed.add(parse(cl, k));
    }
    List<CosignatureVerifier> witnesses = witnessOptions.keys(cl);
    int quorum = witnessOptions.quorum(cl, witnesses.size());
    try {
      return new LogTrust(parsed, witnesses, quorum,
          witnessOptions.maxAge(cl, quorum, cl.getErr()), Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cl, "bad --log-key: " + e.getMessage());
    }
  }
}
