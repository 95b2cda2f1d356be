package dev.toolseal.cli;

import dev.toolseal.tlog.note.CosignatureVerifier;
import dev.toolseal.tlog.note.KeyFormatException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * Witnesses a checkpoint must be cosigned by, as a picocli mixin for every command that takes
 * {@code --log-key}: {@code --witness} (repeatable), {@code --witness-quorum} and {@code
 * --max-checkpoint-age}, checked on the witnesses' cosignature times.
 */
final class WitnessOptions {
  @Option(names = "--witness", paramLabel = "<verifier key>",
      description = "A trusted witness's cosignature verifier key, name+hexid+base64 "
          + "(repeatable).")
  List<String> witnesses = new ArrayList<>();

  @Option(names = "--witness-quorum", paramLabel = "<k>",
      description = "How many of the --witness keys must cosign each checkpoint (default: all "
          + "of them).")
  Integer quorum;

  @Option(names = "--max-checkpoint-age", paramLabel = "<duration>", defaultValue = "24h",
      description = "With witnesses: at least the quorum of cosignatures must be younger than "
          + "this, e.g. 24h, 90m, 7d or PT24H (default 24h).")
  String maxAge = "24h";

  /** The parsed witness keys; a malformed one is a usage error. */
  List<CosignatureVerifier> keys(CommandLine cl) {
    List<CosignatureVerifier> keys = new ArrayList<>();
    for (String w : witnesses) {
      try {
        keys.add(CosignatureVerifier.parse(w));
      } catch (KeyFormatException | IllegalArgumentException e) {
        throw new ParameterException(cl, "--witness is not a cosignature verifier key: "
            + e.getMessage());
      }
    }
    return keys;
  }

  /** The quorum: as given, or every witness; a usage error outside 0..witnesses. */
  int quorum(CommandLine cl, int witnessCount) {
    int q = quorum == null ? witnessCount : quorum;
    if (q < 0 || q > witnessCount) {
      throw new ParameterException(cl, "--witness-quorum must be between 0 and the number of "
          + "--witness keys (" + witnessCount + ")");
    }
    return q;
  }

  /**
   * The maximum age when a quorum is required; without one, says once on {@code err} that a
   * checkpoint's age cannot be known.
   */
  Optional<Duration> maxAge(CommandLine cl, int quorum, PrintWriter err) {
    Duration d = parseDuration(cl, maxAge);
    if (quorum == 0) {
      err.println("toolseal: no witness quorum (--witness, --witness-quorum): the checkpoint's "
          + "age cannot be checked; a log could show you an old view");
      return Optional.empty();
    }
    return Optional.of(d);
  }

  static Duration parseDuration(CommandLine cl, String s) {
    Duration d;
    try {
      if (s.toUpperCase(Locale.ROOT).startsWith("P")) {
        d = Duration.parse(s);
      } else {
        d = simple(s);
      }
    } catch (DateTimeParseException | NumberFormatException e) {
      d = null;
    }
    if (d == null || d.isZero() || d.isNegative()) {
      throw new ParameterException(cl, "--max-checkpoint-age must be a positive duration such "
          + "as 24h, 90m, 7d or PT24H");
    }
    return d;
  }

  private static Duration simple(String s) {
    if (s.length() < 2 || s.length() > 12) {
      return null;
    }
    String digits = s.substring(0, s.length() - 1);
    if (!digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    long n = Long.parseLong(digits);
    return switch (s.charAt(s.length() - 1)) {
      case 's' -> Duration.ofSeconds(n);
      case 'm' -> Duration.ofMinutes(n);
      case 'h' -> Duration.ofHours(n);
      case 'd' -> Duration.ofDays(n);
      default -> null;
    };
  }
}
