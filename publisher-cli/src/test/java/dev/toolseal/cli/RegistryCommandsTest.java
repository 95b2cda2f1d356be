package dev.toolseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exit codes of the registry commands without a real registry (the real one drives them in
 * registry-service's Cli*Test): usage errors, an unreachable registry (4) and a refusal as RFC
 * 9457 problem JSON from a hand-written fake registry (3, with its type shown).
 */
class RegistryCommandsTest {
  @TempDir
  Path dir;

  private HttpServer fake;
  private String fakeUrl;

  @BeforeEach
  void startFake() throws IOException {
    fake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    fake.createContext("/v1/keys/challenge", ex -> answer(ex, 200, "application/json",
        "{\"nonce\":\"AAAAbbbbCCCCddddEEEEffff\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}"));
    fake.createContext("/v1/", ex -> answer(ex, 409, "application/problem+json",
        "{\"type\":\"https://toolseal.dev/problems/namespace-taken\",\"title\":\"Namespace taken\","
            + "\"status\":409,\"detail\":\"bound to another key\"}"));
    fake.start();
    fakeUrl = "http://127.0.0.1:" + fake.getAddress().getPort();
  }

  @AfterEach
  void stopFake() {
    fake.stop(0);
  }

  private static void answer(HttpExchange ex, int status, String type, String body)
      throws IOException {
    ex.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private String key() {
    Cli.run("keygen", "--out", dir.resolve("k").toString()).expect(0);
    return dir.resolve("k.key").toString();
  }

  private static String closedPortUrl() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return "http://127.0.0.1:" + s.getLocalPort();
    }
  }

  @Test
  void usageErrors() {
    String key = key();
    Cli.run("bind", "--key", key, "--namespace", "io.github.acme").expect(2);
    Cli.run("bind", "--registry", "ftp://x", "--key", key, "--namespace", "io.github.acme")
        .expect(2);
    Cli.run("publish", "--registry", fakeUrl).expect(2);
    Cli.run("publish", "--registry", fakeUrl, "--envelope", "e.json", "--key", key,
        "--manifest", "m.json").expect(2);
    Cli.run("verify", "--log-key", "x", "--url", "http://127.0.0.1:1/mcp").expect(2);
    Cli.run("verify", "--registry", fakeUrl, "--log-key", "x", "--url",
        "http://127.0.0.1:1/mcp").expect(2);
    Cli.run("monitor", "--registry", fakeUrl, "--watch", "io.github.acme").expect(2);
  }

  @Test
  void anUnreachableRegistryIsAnIoFailure() throws IOException {
    Cli cli = Cli.run("bind", "--registry", closedPortUrl(), "--key", key(), "--namespace",
        "io.github.acme", "--output", "json").expect(4);
    assertEquals(4, cli.json().get("error").get("exitCode").asInt());
  }

  @Test
  void aRefusalIsExitThreeWithItsProblemType() {
    Cli cli = Cli.run("bind", "--registry", fakeUrl, "--key", key(), "--namespace",
        "io.github.acme", "--output", "json").expect(3);
    assertTrue(cli.json().get("error").get("message").asText()
        .contains("https://toolseal.dev/problems/namespace-taken"), cli.err());
  }

  @Test
  void aKeyBindingCannotBePublishedWithoutAChallenge() throws Exception {
    String key = key();
    Cli.run("bind", "--registry", closedPortUrl(), "--key", key, "--namespace", "io.github.acme",
        "--out", dir.resolve("b.json").toString()).expect(4);
    // nothing was signed without a challenge, so there is no envelope to publish
    assertFalse(dir.resolve("b.json").toFile().exists());
  }
}
