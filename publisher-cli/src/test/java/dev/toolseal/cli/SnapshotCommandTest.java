package dev.toolseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.manifest.EntryKind;
import dev.toolseal.verifier.manifest.ManifestFormat;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toolseal snapshot} against verifier-lib's rug-pull test server (a real MCP server on
 * the official TypeScript SDK, started with node over stdio).
 */
class SnapshotCommandTest {
  @TempDir
  Path dir;

  static Path servers() {
    Path root = Path.of(System.getProperty("toolseal.test.mcpServers",
        "../verifier-lib/src/test/mcp-servers")).toAbsolutePath().normalize();
    if (!Files.isDirectory(root.resolve("node_modules/@modelcontextprotocol/sdk"))) {
      throw new IllegalStateException("npm test servers are not installed under " + root
          + "; build verifier-lib first (its build runs npm ci)");
    }
    return root;
  }

  private Cli snapshot(String variant, String out, String... more) {
    List<String> args = new ArrayList<>(List.of("snapshot", "--name", "io.github.acme/weather",
        "--version", "1.0.0", "--out", dir.resolve(out).toString()));
    args.addAll(List.of(more));
    args.addAll(List.of("--", "node", servers().resolve("rugpull-server.mjs").toString(),
        variant));
    return Cli.run(args.toArray(String[]::new));
  }

  private ToolManifest manifest(String file) throws Exception {
    return new ManifestFormat().parse(TestFiles.read(dir.resolve(file)));
  }

  @Test
  void recordsTheBaselineIntoACleanManifest() throws Exception {
    JsonNode summary = snapshot("baseline", "base.json", "--output", "json").expect(0).json();
    ToolManifest m = manifest("base.json");
    assertEquals("io.github.acme/weather", m.server().name());
    assertEquals(m.digest().hex(), summary.get("digest").textValue());
    assertEquals(List.of("add", "get_weather"), m.entries().keySet().stream()
        .filter(k -> k.kind() == EntryKind.TOOL).map(k -> k.id()).toList());
    assertEquals(1, m.entries(EntryKind.PROMPT).size());
    assertEquals(0, summary.get("lint").get("high").asInt());
    Cli.run("lint", dir.resolve("base.json").toString()).expect(0);
  }

  @Test
  void aRugPullIsCaughtByLintAndDiff() {
    snapshot("baseline", "base.json").expect(0);
    Cli text = snapshot("description-appended", "pulled.json").expect(0);
    assertTrue(text.out().contains("high")); // the summary's lint line
    Cli.run("lint", dir.resolve("pulled.json").toString()).expect(ExitCode.REJECTED);
    JsonNode diff = Cli.run("diff", dir.resolve("base.json").toString(),
        dir.resolve("pulled.json").toString(), "--output", "json").expect(ExitCode.REJECTED)
        .json();
    assertEquals("tool:add", diff.get("changes").get(0).get("entry").textValue());
  }

  @Test
  void aToolWhoseSchemaLeavesIsNotRecorded() throws Exception {
    snapshot("schema-ref-external", "ref.json").expect(ExitCode.REJECTED);
    assertFalse(Files.exists(dir.resolve("ref.json")));
    snapshot("schema-ref-local", "local.json").expect(0);
    assertTrue(manifest("local.json").entries().keySet().stream()
        .anyMatch(k -> k.id().equals("add")));
  }

  @Test
  void reformattedBytesGiveTheSameManifest() throws Exception {
    snapshot("baseline", "base.json").expect(0);
    snapshot("reformatted", "again.json").expect(0);
    assertEquals(manifest("base.json").digest(), manifest("again.json").digest());
    Cli.run("diff", dir.resolve("base.json").toString(), dir.resolve("again.json").toString())
        .expect(0);
  }

  @Test
  void aServerThatCannotStartIsAnIoError() {
    Cli cli = Cli.run("snapshot", "--name", "a/b", "--version", "1", "--out",
        dir.resolve("m.json").toString(), "--timeout", "5", "--",
        dir.resolve("no-such-server").toString());
    cli.expect(ExitCode.IO);
    assertFalse(Files.exists(dir.resolve("m.json")));
  }

  @Test
  void usageErrors() {
    Cli.run("snapshot", "--name", "a/b", "--version", "1", "--out", "m.json")
        .expect(ExitCode.USAGE);
    Cli.run("snapshot", "--name", "a/b", "--version", "1", "--out", "m.json", "--url",
        "http://localhost:1/mcp", "--", "node").expect(ExitCode.USAGE);
    Cli.run("snapshot", "--name", "a/b", "--version", "1", "--out", "m.json", "--url",
        "ftp://x/mcp").expect(ExitCode.USAGE);
    Cli.run("snapshot", "--help").expect(0);
  }
}
