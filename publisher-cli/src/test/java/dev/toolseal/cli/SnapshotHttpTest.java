package dev.toolseal.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.verifier.manifest.EntryKind;
import dev.toolseal.verifier.manifest.ManifestFormat;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toolseal snapshot --url} against the reference "everything" server over streamable
 * HTTP: the same manifest as over stdio.
 */
class SnapshotHttpTest {
  private static Process server;
  private static int port;

  @TempDir
  Path dir;

  private static Path everything() {
    return SnapshotCommandTest.servers()
        .resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js");
  }

  @BeforeAll
  static void startServer() throws IOException, InterruptedException {
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    ProcessBuilder builder = new ProcessBuilder("node", everything().toString(), "streamableHttp")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    builder.environment().put("PORT", Integer.toString(port));
    server = builder.start();
    for (int i = 0; i < 200 && !accepting(); i++) {
      assertTrue(server.isAlive(), "the HTTP server exited");
      Thread.sleep(100);
    }
  }

  @AfterAll
  static void stopServer() throws InterruptedException {
    if (server != null) {
      server.destroy();
      server.waitFor();
    }
  }

  private static boolean accepting() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void httpAndStdioGiveTheSameManifest() throws Exception {
    Path http = dir.resolve("http.json");
    Path stdio = dir.resolve("stdio.json");
    Cli.run("snapshot", "--name", "io.github.mcp/everything", "--version", "1", "--out",
        http.toString(), "--url", "http://127.0.0.1:" + port + "/mcp").expect(0);
    Cli.run("snapshot", "--name", "io.github.mcp/everything", "--version", "1", "--out",
        stdio.toString(), "--", "node", everything().toString(), "stdio").expect(0);
    assertFalse(new ManifestFormat().parse(TestFiles.read(http)).entries(EntryKind.TOOL)
        .isEmpty());
    Cli.run("diff", stdio.toString(), http.toString()).expect(0);
  }
}
