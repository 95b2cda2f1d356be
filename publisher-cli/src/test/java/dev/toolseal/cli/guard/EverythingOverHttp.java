package dev.toolseal.cli.guard;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;

/** The reference "everything" server in its streamable HTTP mode on a free loopback port. */
final class EverythingOverHttp implements AutoCloseable {
  private final Process server;
  private final int port;

  private EverythingOverHttp(Process server, int port) {
    this.server = server;
    this.port = port;
  }

  static EverythingOverHttp start() throws IOException, InterruptedException {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    ProcessBuilder b = new ProcessBuilder("node", GuardHarness.servers().resolve(
        "node_modules/@modelcontextprotocol/server-everything/dist/index.js").toString(),
        "streamableHttp")
        .redirectOutput(ProcessBuilder.Redirect.DISCARD)
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    b.environment().put("PORT", Integer.toString(port));
    EverythingOverHttp s = new EverythingOverHttp(b.start(), port);
    for (int i = 0; i < 300 && !s.accepting(); i++) {
      if (!s.server.isAlive()) {
        throw new IllegalStateException("the HTTP server exited");
      }
      Thread.sleep(100);
    }
    return s;
  }

  String url() {
    return "http://127.0.0.1:" + port + "/mcp";
  }

  private boolean accepting() {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() {
    server.destroy();
    try {
      server.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
