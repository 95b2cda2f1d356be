package dev.toolseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.KeyBinding;
import dev.toolseal.verifier.attest.Ownership;
import dev.toolseal.verifier.attest.OwnershipRecord;
import dev.toolseal.verifier.attest.Statement;
import dev.toolseal.verifier.keys.PemKeys;
import dev.toolseal.verifier.keys.VerificationKey;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bind --prove ...} puts the proof into the signed binding; {@code ownership-record}. */
class BindProofTest {
  private static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.c2ln";

  @TempDir
  Path dir;

  private HttpServer registry;
  private String url;
  private final AtomicReference<byte[]> posted = new AtomicReference<>();

  /** A registry that hands out a challenge and records the binding it is sent (and refuses it). */
  @BeforeEach
  void start() throws IOException {
    registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    registry.createContext("/v1/keys/challenge", ex -> answer(ex, 200, "application/json",
        "{\"nonce\":\"AAAAbbbbCCCCddddEEEEffff\",\"expiresAt\":\"2099-01-01T00:00:00Z\"}"));
    registry.createContext("/v1/keys/bind", ex -> {
      posted.set(ex.getRequestBody().readAllBytes());
      answer(ex, 403, "application/problem+json",
          "{\"type\":\"https://toolseal.dev/problems/ownership-proof-failed\",\"title\":\"x\","
              + "\"status\":403,\"proof\":{\"method\":\"dns\",\"failed\":\"other-key\"}}");
    });
    registry.start();
    url = "http://127.0.0.1:" + registry.getAddress().getPort();
  }

  @AfterEach
  void stop() {
    registry.stop(0);
  }

  private static void answer(com.sun.net.httpserver.HttpExchange ex, int status, String type,
      String body) throws IOException {
    ex.getRequestBody().readAllBytes();
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private String key(String algorithm) {
    Cli.run("keygen", "--algorithm", algorithm, "--out", dir.resolve("k").toString()).expect(0);
    return dir.resolve("k.key").toString();
  }

  private KeyBinding postedBinding() throws Exception {
    assertTrue(posted.get() != null, "nothing was posted");
    return KeyBinding.fromStatement(Statement.parse(Envelope.parse(posted.get()).payload()));
  }

  private Cli bind(Map<String, String> env, String... more) {
    String[] args = new String[6 + more.length];
    String[] base = {"bind", "--registry", url, "--key", dir.resolve("k.key").toString(),
        "--namespace"};
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(more, 0, args, base.length, more.length);
    return Cli.run(env, args);
  }

  @Test
  void aDnsOrHttpProofIsSignedIntoTheBinding() throws Exception {
    key("ed25519");
    bind(Cli.freshEnvironment(), "com.example.team", "--prove", "dns", "--domain", "example.com")
        .expect(3);
    assertEquals(Ownership.dns("example.com"), postedBinding().ownership().orElseThrow());
    posted.set(null);
    bind(Cli.freshEnvironment(), "assessor:example.com", "--prove", "http", "--domain",
        "example.com").expect(3);
    assertEquals(Ownership.http("example.com"), postedBinding().ownership().orElseThrow());
  }

  @Test
  void anOidcTokenComesFromTheFileOrTheEnvironment() throws Exception {
    key("p256");
    Path token = Files.writeString(dir.resolve("token.jwt"), TOKEN + "\n");
    bind(Cli.freshEnvironment(), "io.github.acme", "--prove", "github-oidc", "--owner", "acme",
        "--oidc-token-file", token.toString()).expect(3);
    assertEquals(Ownership.githubOidc("acme", TOKEN), postedBinding().ownership().orElseThrow());
    posted.set(null);
    Map<String, String> env = new HashMap<>(Cli.freshEnvironment());
    env.put(BindCommand.TOKEN_ENV, TOKEN);
    bind(env, "io.github.acme", "--prove", "github-oidc", "--owner", "acme").expect(3);
    assertEquals(Ownership.githubOidc("acme", TOKEN), postedBinding().ownership().orElseThrow());
  }

  @Test
  void proofsThatDoNotFitAreUsageErrorsAndNothingIsSent() throws Exception {
    key("ed25519");
    Map<String, String> env = Cli.freshEnvironment();
    bind(env, "com.example", "--prove", "dns").expect(2);
    bind(env, "com.example", "--domain", "example.com").expect(2);
    bind(env, "com.example", "--prove", "txt", "--domain", "example.com").expect(2);
    bind(env, "com.example", "--prove", "dns", "--domain", "Example..com").expect(2);
    bind(env, "com.example", "--prove", "dns", "--domain", "other.com").expect(2);
    bind(env, "com.example", "--prove", "http", "--domain", "acme.github.io").expect(2);
    bind(env, "io.github.acme", "--prove", "github-oidc", "--owner", "acme").expect(2);
    bind(env, "io.github.acme", "--prove", "github-oidc", "--owner", "other", "--oidc-token-file",
        Files.writeString(dir.resolve("t"), TOKEN).toString()).expect(2);
    assertEquals(null, posted.get());
  }

  @Test
  void ownershipRecordPrintsTheLineThatNamesTheKey() throws Exception {
    key("ed25519");
    Path pub = dir.resolve("k.pub");
    VerificationKey key = PemKeys.readPublicKey(pub);
    Cli cli = Cli.run("ownership-record", "--public-key", pub.toString(), "--domain", "example.com")
        .expect(0);
    assertTrue(OwnershipRecord.parse(cli.out().strip()).names(key), cli.out());
    assertFalse(cli.err().isEmpty());
    Cli json = Cli.run("ownership-record", "--public-key", pub.toString(), "--output", "json")
        .expect(0);
    assertTrue(OwnershipRecord.parse(json.json().get("record").asText()).names(key));
    assertEquals(key.keyId().hex(), json.json().get("keyId").asText());
    Cli.run("ownership-record", "--public-key", pub.toString(), "--domain", "x").expect(2);
  }

  @Test
  void p256KeysHaveNoRecord() {
    key("p256");
    Cli.run("ownership-record", "--public-key", dir.resolve("k.pub").toString()).expect(3);
  }
}
