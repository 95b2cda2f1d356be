package dev.toolseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.cli.lint.SampleManifests;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LintAndDiffCommandTest {
  @TempDir
  Path dir;

  @Test
  void cleanManifestPassesLint() {
    Path m = TestFiles.clean(dir);
    Cli.run("lint", m.toString()).expect(0);
    JsonNode doc = Cli.run("lint", m.toString(), "--output", "json").expect(0).json();
    assertEquals(0, doc.get("findings").size());
    assertEquals(SampleManifests.clean().digest().hex(), doc.get("manifest").get("digest")
        .textValue());
  }

  @Test
  void poisonedManifestFailsLintWithLocatedFindings() {
    Path m = TestFiles.poisoned(dir);
    Cli text = Cli.run("lint", m.toString()).expect(ExitCode.REJECTED);
    assertTrue(text.out().contains("tool:add"));
    JsonNode doc = Cli.run("lint", m.toString(), "--output", "json").expect(ExitCode.REJECTED)
        .json();
    assertTrue(doc.get("summary").get("high").asInt() > 0);
    boolean located = false;
    for (JsonNode f : doc.get("findings")) {
      located |= f.get("entry").textValue().equals("tool:add")
          && f.get("pointer").textValue().equals("/description")
          && f.get("documentPointer").textValue().equals("/tools/0/description")
          && f.get("severity").textValue().equals("high");
    }
    assertTrue(located);
  }

  @Test
  void hiddenCharactersAreSpelledOutInTextOutput() {
    Path m = TestFiles.manifest(dir, "m.json",
        SampleManifests.withDescription("Adds.\u202Eexe.txt\u001B[8m"));
    Cli cli = Cli.run("lint", m.toString()).expect(ExitCode.REJECTED);
    assertTrue(cli.out().contains("<U+202E>"));
    assertFalse(cli.out().contains("\u202E"));
    assertFalse(cli.out().contains("\u001B"));
  }

  @Test
  void lintRejectsBadInput() {
    Path bad = dir.resolve("bad.json");
    TestFiles.write(bad, "{\"manifestVersion\": \"toolseal.dev/manifest/v1\", \"a\": 1, \"a\": 2}");
    Cli.run("lint", bad.toString()).expect(ExitCode.REJECTED);
    Cli.run("lint", dir.resolve("missing.json").toString()).expect(ExitCode.IO);
    Cli.run("lint").expect(ExitCode.USAGE);
    JsonNode err = Cli.run("lint", dir.resolve("missing.json").toString(), "--output", "json")
        .expect(ExitCode.IO).json();
    assertEquals(ExitCode.IO, err.get("error").get("exitCode").asInt());
  }

  @Test
  void diffOfIdenticalManifestsIsEmpty() {
    Path a = TestFiles.clean(dir);
    Path b = TestFiles.manifest(dir, "b.json", SampleManifests.clean());
    Cli.run("diff", a.toString(), b.toString()).expect(0);
    JsonNode doc = Cli.run("diff", a.toString(), b.toString(), "--output", "json").expect(0)
        .json();
    assertTrue(doc.get("identical").booleanValue());
    assertEquals(0, doc.get("changes").size());
  }

  @Test
  void diffNamesTheRugPull() {
    ToolManifest before = SampleManifests.withTool("""
        {"name": "add", "description": "Adds two numbers.", "inputSchema": {"type": "object"}}""");
    Path a = TestFiles.manifest(dir, "a.json", before);
    Path b = TestFiles.poisoned(dir);
    Cli text = Cli.run("diff", a.toString(), b.toString()).expect(ExitCode.REJECTED);
    assertTrue(text.out().contains("`add`"));
    JsonNode doc = Cli.run("diff", a.toString(), b.toString(), "--output", "json")
        .expect(ExitCode.REJECTED).json();
    assertFalse(doc.get("identical").booleanValue());
    assertEquals(before.digest().hex(), doc.get("a").get("digest").textValue());
    JsonNode change = doc.get("changes").get(0);
    assertEquals("tool:add", change.get("entry").textValue());
    assertEquals("changed", change.get("change").textValue());
    boolean description = false;
    for (JsonNode place : change.get("places")) {
      description |= place.get("pointer").textValue().equals("/description")
          && place.get("after").textValue().contains("<IMPORTANT>");
    }
    assertTrue(description);
  }

  @Test
  void diffUsage() {
    Cli.run("diff", "only-one.json").expect(ExitCode.USAGE);
  }
}
