package dev.toolseal.cli;

import dev.toolseal.tlog.note.KeyFormatException;
import dev.toolseal.tlog.note.NoteVerifier;
import dev.toolseal.verifier.log.LogTrust;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** {@code --log-key} values: C2SP note verifier keys; a malformed one is a usage error. */
final class LogKeys {
  private LogKeys() {}

  static NoteVerifier parse(CommandLine cl, String key) {
    try {
      return NoteVerifier.parse(key);
    } catch (KeyFormatException | IllegalArgumentException e) {
      throw new ParameterException(cl, "--log-key is not a note verifier key: " + e.getMessage());
    }
  }

  static LogTrust trust(CommandLine cl, List<String> keys) {
    List<NoteVerifier> parsed = new ArrayList<>();
    for (String k : keys) {
      parsed.add(parse(cl, k));
    }
    try {
      return LogTrust.of(parsed.toArray(NoteVerifier[]::new));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(cl, "bad --log-key: " + e.getMessage());
    }
  }
}
