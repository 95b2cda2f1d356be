package dev.toolseal.cli.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.cli.ExitCode;
import dev.toolseal.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toolseal guard approve}: the diff a person sees, and the y/N question. */
class GuardApproveTest {
  @TempDir
  Path dir;

  private record Run(int code, String out) {}

  private Run approve(String answer, String variant) {
    List<String> args = new ArrayList<>(List.of("guard", "approve", "--lock",
        dir.resolve("lock.json").toString(), "--name", "weather", "--"));
    args.addAll(GuardHarness.rugpull(variant));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int code = Main.run(new ByteArrayInputStream(answer.getBytes(StandardCharsets.UTF_8)),
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
        args.toArray(String[]::new));
    return new Run(code, out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aPersonSeesTheHiddenCharacterAndDecides() throws Exception {
    assertEquals(ExitCode.OK, approve("y\n", "baseline").code());
    String pinned = Files.readString(dir.resolve("lock.json"));
    Run no = approve("n\n", "lrm-inserted");
    assertEquals(ExitCode.REJECTED, no.code());
    assertTrue(no.out().contains("<U+200E>"), no.out());
    assertEquals(pinned, Files.readString(dir.resolve("lock.json")));
    Run empty = approve("", "lrm-inserted");
    assertEquals(ExitCode.REJECTED, empty.code());
    assertEquals(ExitCode.OK, approve("yes\n", "lrm-inserted").code());
    assertTrue(!pinned.equals(Files.readString(dir.resolve("lock.json"))));
    Run again = approve("", "lrm-inserted");
    assertEquals(ExitCode.OK, again.code()); // unchanged: nothing to ask
  }

  @Test
  void aToolWhoseSchemaRefersOutsideItselfIsNeverPinnedEvenWhenAPersonSaysYes() throws Exception {
    Run refused = approve("y\n", "schema-ref-external");
    assertEquals(ExitCode.REJECTED, refused.code());
    assertTrue(!Files.exists(dir.resolve("lock.json")), "nothing pinned");
    assertEquals(ExitCode.OK, approve("y\n", "schema-ref-local").code());
    assertTrue(Files.exists(dir.resolve("lock.json")));
  }

  @Test
  void usageErrors() {
    assertEquals(ExitCode.USAGE, Main.run(new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()), "guard"));
    assertEquals(ExitCode.USAGE, Main.run(new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()), "guard", "approve"));
    assertEquals(ExitCode.USAGE, Main.run(new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()), "guard", "--policy", "maybe", "--", "x"));
  }

  @Test
  void aBrokenLockFileStopsTheGuardBeforeItStarts() throws Exception {
    Files.writeString(dir.resolve("lock.json"), "{\"lockVersion\":1}");
    assertEquals(ExitCode.REJECTED, Main.run(new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()), "guard", "--lock",
        dir.resolve("lock.json").toString(), "--", "node", "-e", "0"));
  }
}
