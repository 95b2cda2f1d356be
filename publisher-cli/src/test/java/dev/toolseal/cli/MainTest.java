package dev.toolseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import picocli.CommandLine.Command;

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

  /** Every subcommand {@link Main} declares, by name: the list is read, never written twice. */
  static Stream<String> commands() {
    return Arrays.stream(Main.class.getAnnotation(Command.class).subcommands())
        .map(c -> c.getAnnotation(Command.class).name());
  }

  @Test
  void theCommandsAreTheOnesUsersAreToldOf() {
    assertEquals(List.of("keygen", "snapshot", "lint", "diff", "sign", "review", "inspect",
        "guard", "verify", "bind", "publish", "monitor", "checkpoints", "ownership-record"),
        commands().toList());
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyCommandHasHelpWithExitCodes(String command) {
    Cli cli = Cli.run(command, "--help").expect(0);
    // the exit-code section lists at least success, internal error and usage error (a command
    // that never refuses or never reads, like checkpoints, leaves out 3 or 4)
    assertTrue(cli.out().contains("Exit codes:"), cli.out());
    for (int code = 0; code <= 2; code++) {
      assertTrue(cli.out().contains("  " + code + "  "), cli.out());
    }
    // every result goes to stdout as text or JSON, except guard's: its stdout is the MCP stream
    assertEquals(!command.equals("guard"), cli.out().contains("--output"), cli.out());
  }

  @Test
  void topLevelHelpListsTheCommands() {
    Cli cli = Cli.run("--help").expect(0);
    commands().forEach(c -> assertTrue(cli.out().contains(c), c));
  }
}
