package dev.toolseal.tlog.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.note.CosignatureVerifier;
import dev.toolseal.tlog.note.NoteSigner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command: key generation, serving, and refusals of command lines it cannot run. */
class WitnessMainTest {
  @TempDir Path dir;
  final ByteArrayOutputStream out = new ByteArrayOutputStream();
  final ByteArrayOutputStream err = new ByteArrayOutputStream();

  int run(String... args) {
    return WitnessMain.run(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), args, new CountDownLatch(0));
  }

  @Test
  void keygenWritesAnOwnerOnlyKeyAndPrintsItsVerifierKey() throws Exception {
    Path key = dir.resolve("witness.key");
    assertEquals(0, run("keygen", "--name", "witness.example/w1", "--key", key.toString()));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    String vkey = out.toString(StandardCharsets.UTF_8).strip();
    CosignatureVerifier v = CosignatureVerifier.parse(vkey);
    assertEquals("witness.example/w1", v.name());
    out.reset();
    assertEquals(0, run("vkey", "--key", key.toString()));
    assertEquals(vkey, out.toString(StandardCharsets.UTF_8).strip());
    byte[] before = Files.readAllBytes(key);
    assertNotEquals(0, run("keygen", "--name", "witness.example/w2", "--key", key.toString()));
    assertEquals(new String(before, StandardCharsets.US_ASCII),
        Files.readString(key, StandardCharsets.US_ASCII));
  }

  @Test
  void servesUntilStopped() throws Exception {
    Path key = dir.resolve("witness.key");
    assertEquals(0, run("keygen", "--name", "witness.example/w1", "--key", key.toString()));
    CosignatureVerifier witness =
        CosignatureVerifier.parse(out.toString(StandardCharsets.UTF_8).strip());
    out.reset();
    NoteSigner logKey = NoteSigner.generate("registry.example/log", new SecureRandom());
    TestLog log = new TestLog(logKey, "a", 5);
    CountDownLatch stop = new CountDownLatch(1);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      Future<Integer> serving = pool.submit(() -> WitnessMain.run(
          new PrintStream(out, true, StandardCharsets.UTF_8),
          new PrintStream(err, true, StandardCharsets.UTF_8),
          new String[] {"--key", key.toString(), "--log", logKey.verifierKey(), "--state",
              dir.resolve("state").toString(), "--listen", "127.0.0.1:0"}, stop));
      String listening = "";
      for (int i = 0; i < 200 && !listening.startsWith("listening "); i++) {
        Thread.sleep(50);
        listening = out.toString(StandardCharsets.UTF_8).strip();
      }
      URI uri = URI.create("http://" + listening.substring("listening ".length())
          + WitnessServer.ADD_CHECKPOINT);
      HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
          .POST(HttpRequest.BodyPublishers.ofByteArray(log.request(0, 5).encode())).build(),
          HttpResponse.BodyHandlers.ofString());
      assertEquals(200, r.statusCode());
      SignedCheckpoint.open((new String(log.signed(5), StandardCharsets.UTF_8) + r.body())
          .getBytes(StandardCharsets.UTF_8), logKey.verifier(), List.of(witness), 1);
      stop.countDown();
      assertEquals(0, serving.get(10, TimeUnit.SECONDS));
    } finally {
      stop.countDown();
      pool.shutdownNow();
    }
  }

  @Test
  void refusesCommandLinesItCannotRun() throws Exception {
    Path key = dir.resolve("k");
    run("keygen", "--name", "w", "--key", key.toString());
    String logKey = "registry.example/log+00000000+AQ==";
    assertEquals(2, run());
    assertEquals(2, run("--key", key.toString(), "--state", dir.toString(), "--listen",
        "127.0.0.1:0"));
    assertEquals(2, run("--key", key.toString(), "--log", logKey, "--state", dir.toString(),
        "--listen", "127.0.0.1:0"));
    assertEquals(2, run("keygen", "--name"));
    assertEquals(2, run("keygen", "--name", "w", "--key", "x", "--bogus", "y"));
    assertEquals(4, run("vkey", "--key", dir.resolve("missing").toString()));
    Files.writeString(dir.resolve("garbage"), "not a key\n");
    assertEquals(4, run("vkey", "--key", dir.resolve("garbage").toString()));
  }
}
