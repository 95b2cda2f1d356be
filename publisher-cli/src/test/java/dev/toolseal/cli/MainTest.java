package dev.toolseal.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MainTest {
  @Test
  void noCommandIsAUsageError() {
    Cli cli = Cli.run().expect(ExitCode.USAGE);
    assertFalse(cli.err().isEmpty());
    assertTrue(cli.out().isEmpty());
  }

  @Test
  void unknownCommandOrOptionIsAUsageError() {
    Cli.run("frobnicate").expect(ExitCode.USAGE);
    Cli.run("lint", "--no-such-option", "x.json").expect(ExitCode.USAGE);
    Cli.run("lint", "x.json", "--output", "yaml").expect(ExitCode.USAGE);
  }

  @ParameterizedTest
  @ValueSource(strings = {"keygen", "snapshot", "lint", "diff", "sign", "review", "inspect"})
  void everyCommandHasHelpWithExitCodes(String command) {
    Cli cli = Cli.run(command, "--help").expect(0);
    // the exit-code section lists codes 0..4
    for (int code = 0; code <= 4; code++) {
      assertTrue(cli.out().contains("  " + code + "  "), cli.out());
    }
    assertTrue(cli.out().contains("--output"));
  }

  @Test
  void topLevelHelpListsTheCommands() {
    Cli cli = Cli.run("--help").expect(0);
    for (String c : List.of("keygen", "snapshot", "lint", "diff", "sign", "review", "inspect")) {
      assertTrue(cli.out().contains(c));
    }
  }
}
