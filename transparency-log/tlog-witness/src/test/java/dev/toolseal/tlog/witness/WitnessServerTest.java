package dev.toolseal.tlog.witness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.note.CosignatureSigner;
import dev.toolseal.tlog.note.NoteSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP face of the witness: the status codes and bodies C2SP tlog-witness requires. */
class WitnessServerTest {
  @TempDir Path dir;
  final HttpClient http = HttpClient.newHttpClient();
  final List<String> operatorLog = new ArrayList<>();
  NoteSigner logKey;
  TestLog log;
  CosignatureSigner signer;
  WitnessServer server;

  @BeforeEach
  void start() throws IOException {
    logKey = NoteSigner.generate("registry.example/log", new SecureRandom());
    log = new TestLog(logKey, "honest", 30);
    signer = CosignatureSigner.generate("witness.example/w1", new SecureRandom(),
        Clock.systemUTC());
    server = startServer();
  }

  WitnessServer startServer() throws IOException {
    Witness w = Witness.open(signer, List.of(logKey.verifier()), FileStateStore.open(dir));
    return WitnessServer.start(w, new java.net.InetSocketAddress("127.0.0.1", 0),
        line -> {
          synchronized (operatorLog) {
            operatorLog.add(line);
          }
        });
  }

  @AfterEach
  void stop() {
    server.close();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
  }

  HttpResponse<String> post(byte[] body) throws Exception {
    return http.send(HttpRequest.newBuilder(uri(WitnessServer.ADD_CHECKPOINT))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void cosignsAndTheLineVerifies() throws Exception {
    HttpResponse<String> r = post(log.request(0, 7).encode());
    assertEquals(200, r.statusCode());
    byte[] cosigned = (new String(log.signed(7), StandardCharsets.UTF_8) + r.body())
        .getBytes(StandardCharsets.UTF_8);
    SignedCheckpoint.open(cosigned, logKey.verifier(), List.of(signer.verifier()), 1);
  }

  @Test
  void staleOldSizeAnswers409WithTheSize() throws Exception {
    assertEquals(200, post(log.request(0, 7).encode()).statusCode());
    HttpResponse<String> r = post(log.request(0, 9).encode());
    assertEquals(409, r.statusCode());
    assertEquals("text/x.tlog.size", r.headers().firstValue("Content-Type").orElseThrow());
    assertEquals("7\n", r.body());
  }

  @Test
  void forkIsRefusedAlsoAfterARestart() throws Exception {
    TestLog fork = new TestLog(logKey, "evil", 30);
    assertEquals(200, post(log.request(0, 10).encode()).statusCode());
    assertEquals(409,
        post(new AddCheckpointRequest(10, List.of(), fork.signed(10)).encode()).statusCode());
    server.close();
    server = startServer();
    assertEquals(409,
        post(new AddCheckpointRequest(10, List.of(), fork.signed(10)).encode()).statusCode());
    assertEquals(422, post(fork.request(10, 20).encode()).statusCode());
    assertEquals(200, post(log.request(10, 20).encode()).statusCode());
  }

  @Test
  void badProofIs422() throws Exception {
    assertEquals(200, post(log.request(0, 5).encode()).statusCode());
    List<dev.toolseal.tlog.Hash> proof = new ArrayList<>(log.proof(5, 20));
    proof.set(0, proof.get(0).flipBit(3));
    assertEquals(422, post(new AddCheckpointRequest(5, proof, log.signed(20)).encode())
        .statusCode());
  }

  @Test
  void unknownOriginIs404AndForgedSignatureIs403() throws Exception {
    NoteSigner other = NoteSigner.generate("other.example/log", new SecureRandom());
    assertEquals(404, post(new TestLog(other, "x", 3).request(0, 3).encode()).statusCode());
    NoteSigner impostor = NoteSigner.generate(logKey.name(), new SecureRandom());
    assertEquals(403, post(new TestLog(impostor, "x", 3).request(0, 3).encode()).statusCode());
  }

  @Test
  void malformedAndOversizedBodiesAre400() throws Exception {
    assertEquals(400, post("old 1\n".getBytes(StandardCharsets.US_ASCII)).statusCode());
    assertEquals(400, post(new byte[0]).statusCode());
    assertEquals(400, post(new AddCheckpointRequest(20, List.of(), log.signed(5)).encode())
        .statusCode());
    byte[] huge = new byte[AddCheckpointRequest.MAX_BODY_BYTES + 1];
    Arrays.fill(huge, (byte) 'A');
    assertEquals(400, post(huge).statusCode());
    byte[] valid = log.request(0, 5).encode();
    byte[] padded = Arrays.copyOf(valid, AddCheckpointRequest.MAX_BODY_BYTES + 1);
    Arrays.fill(padded, valid.length, padded.length, (byte) '\n');
    assertEquals(400, post(padded).statusCode());
    assertEquals(200, post(valid).statusCode());
  }

  @Test
  void aLyingContentLengthIsRefusedBeforeTheBodyIsRead() throws Exception {
    try (Socket s = new Socket("127.0.0.1", server.address().getPort())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write(("POST /add-checkpoint HTTP/1.1\r\nHost: w\r\nContent-Length: 999999999999\r\n"
          + "\r\nold 0\n").getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = s.getInputStream();
      String status = new String(in.readNBytes(12), StandardCharsets.US_ASCII);
      assertTrue(status.startsWith("HTTP/1.1 4"), status);
    }
  }

  @Test
  void onlyPostToTheOneEndpoint() throws Exception {
    assertEquals(405, http.send(HttpRequest.newBuilder(uri(WitnessServer.ADD_CHECKPOINT)).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode());
    assertEquals(404, http.send(HttpRequest.newBuilder(uri("/add-checkpoint/x"))
        .POST(HttpRequest.BodyPublishers.ofByteArray(log.request(0, 3).encode())).build(),
        HttpResponse.BodyHandlers.ofString()).statusCode());
  }
}
