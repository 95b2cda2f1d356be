package dev.toolseal.tlog.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpServer;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.note.CosignatureSigner;
import dev.toolseal.tlog.note.NoteSignature;
import dev.toolseal.tlog.note.NoteSigner;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The log's side: catching up after a 409, refusing answers that are not a cosignature. */
class WitnessClientTest {
  @TempDir Path dir;
  NoteSigner logKey;
  TestLog log;
  CosignatureSigner signer;
  WitnessServer server;
  WitnessEndpoint endpoint;

  @BeforeEach
  void start() throws IOException {
    logKey = NoteSigner.generate("registry.example/log", new SecureRandom());
    log = new TestLog(logKey, "honest", 30);
    signer = CosignatureSigner.generate("witness.example/w1", new SecureRandom(),
        Clock.systemUTC());
    Witness w = Witness.open(signer, List.of(logKey.verifier()), FileStateStore.open(dir));
    server = WitnessServer.start(w, new InetSocketAddress("127.0.0.1", 0), line -> { });
    endpoint = WitnessEndpoint.of("http://127.0.0.1:" + server.address().getPort() + "/|"
        + signer.verifier().verifierKey());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  WitnessClient client(TestLog l) {
    return new WitnessClient(endpoint, l.key().verifier(), HttpClient.newHttpClient(),
        Duration.ofSeconds(10));
  }

  @Test
  void cosignsEachCheckpointAndCatchesUpAfterAConflict() throws Exception {
    WitnessClient first = client(log);
    for (long size : new long[] {3, 3, 9, 20}) {
      NoteSignature sig = first.cosign(log.signed(size), log::proof);
      byte[] joined = WitnessClient.withSignatures(log.signed(size), List.of(sig));
      SignedCheckpoint.open(joined, logKey.verifier(), List.of(signer.verifier()), 1);
    }
    // a client that knows nothing (a restarted registry) starts from 0 and is told 20
    client(log).cosign(log.signed(30), log::proof);
  }

  @Test
  void aForkIsRefusedWhateverTheClientTries() throws Exception {
    client(log).cosign(log.signed(10), log::proof);
    TestLog fork = new TestLog(logKey, "evil", 30);
    WitnessClient evil = client(fork);
    WitnessCallException e = assertThrows(WitnessCallException.class,
        () -> evil.cosign(fork.signed(20), fork::proof));
    assertEquals(422, e.status());
    assertEquals(409, assertThrows(WitnessCallException.class,
        () -> evil.cosign(fork.signed(10), fork::proof)).status());
    assertEquals(409, assertThrows(WitnessCallException.class,
        () -> evil.cosign(fork.signed(5), fork::proof)).status());
  }

  @Test
  void answersThatAreNotItsCosignatureAreRefused() throws Exception {
    CosignatureSigner other = CosignatureSigner.generate("witness.example/w1", new SecureRandom(),
        Clock.systemUTC());
    String forged = new NoteSignature(other.name(), signer.keyId(),
        other.sign(new dev.toolseal.tlog.checkpoint.Checkpoint(logKey.name(), 3, log.root(3))
            .format().getBytes(StandardCharsets.UTF_8))).line();
    for (String body : List.of("", "garbage\n", forged)) {
      HttpServer fake = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      fake.createContext("/", ex -> {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(200, b.length == 0 ? -1 : b.length);
        ex.getResponseBody().write(b);
        ex.close();
      });
      fake.start();
      try {
        WitnessClient c = new WitnessClient(
            new WitnessEndpoint(URI.create("http://127.0.0.1:" + fake.getAddress().getPort()),
                signer.verifier()), logKey.verifier(), HttpClient.newHttpClient(),
            Duration.ofSeconds(10));
        assertThrows(WitnessCallException.class, () -> c.cosign(log.signed(3), log::proof));
      } finally {
        fake.stop(0);
      }
    }
  }

  @Test
  void endpointsParseStrictly() {
    for (String bad : List.of("", "http://x", "ftp://x|" + signer.verifier().verifierKey(),
        "http://x|" + logKey.verifierKey(), "http://x?q=1|" + signer.verifier().verifierKey())) {
      assertThrows(IllegalArgumentException.class, () -> WitnessEndpoint.of(bad), bad);
    }
    assertEquals(URI.create("http://x:1/w/add-checkpoint"),
        WitnessEndpoint.of("http://x:1/w/|" + signer.verifier().verifierKey()).addCheckpoint());
  }
}
