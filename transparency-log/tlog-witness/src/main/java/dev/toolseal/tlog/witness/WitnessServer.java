package dev.toolseal.tlog.witness;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@link Witness} on HTTP (JDK server): {@code POST /add-checkpoint} only. Answers as C2SP
 * tlog-witness says: 200 with the cosignature line, 409 with {@code text/x.tlog.size} and the
 * latest size, 400/403/404/422 with a one-line plain text reason. A body above {@link
 * AddCheckpointRequest#MAX_BODY_BYTES} is refused with 400 without reading it all.
 */
public final class WitnessServer implements AutoCloseable {
  /** The path of the one endpoint. */
  public static final String ADD_CHECKPOINT = "/add-checkpoint";
  /** Most bytes of a refused body read and dropped before the connection is closed. */
  private static final long DRAIN_BYTES = 1 << 20;

  private final HttpServer http;
  private final ExecutorService pool;

  private WitnessServer(HttpServer http, ExecutorService pool) {
    this.http = http;
    this.pool = pool;
  }

  /**
   * Starts serving {@code witness} on {@code address} (port 0: any free port). {@code log}
   * receives one line per refused or failed request, for the operator.
   */
  public static WitnessServer start(Witness witness, InetSocketAddress address,
      Consumer<String> log) throws IOException {
    HttpServer http = HttpServer.create(address, 64);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    http.setExecutor(pool);
    http.createContext("/", exchange -> handle(witness, exchange, log));
    http.start();
    return new WitnessServer(http, pool);
  }

  /** The bound address (with the port chosen when 0 was asked). */
  public InetSocketAddress address() {
    return http.getAddress();
  }

  @Override
  public void close() {
    http.stop(0);
    pool.shutdownNow();
    try {
      pool.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static void handle(Witness witness, HttpExchange ex, Consumer<String> log)
      throws IOException {
    try (ex) {
      if (!ex.getRequestURI().getRawPath().equals(ADD_CHECKPOINT)) {
        reply(ex, 404, "text/plain; charset=utf-8", "no such endpoint\n");
        return;
      }
      if (!ex.getRequestMethod().equals("POST")) {
        ex.getResponseHeaders().set("Allow", "POST");
        reply(ex, 405, "text/plain; charset=utf-8", "POST only\n");
        return;
      }
      try {
        AddCheckpointRequest request = AddCheckpointRequest.parse(body(ex));
        String line = witness.addCheckpoint(request);
        reply(ex, 200, "text/plain; charset=utf-8", line);
      } catch (RequestFormatException e) {
        log.accept("400 malformed request: " + e.getMessage());
        reply(ex, 400, "text/plain; charset=utf-8", "malformed request\n");
      } catch (WitnessRefusal e) {
        log.accept(e.reason().status() + " " + e.reason() + ": " + e.getMessage());
        if (e.reason() == WitnessRefusal.Reason.CONFLICT) {
          reply(ex, 409, "text/x.tlog.size", e.latestSize() + "\n");
        } else {
          reply(ex, e.reason().status(), "text/plain; charset=utf-8",
              e.reason().name().toLowerCase(Locale.ROOT) + "\n");
        }
      } catch (IOException e) {
        log.accept("500 state not saved: " + e.getMessage());
        reply(ex, 500, "text/plain; charset=utf-8", "internal error\n");
      }
    }
  }

  /**
   * The body, refused if longer than the parser accepts. The rest of a refused body is read and
   * dropped up to {@link #DRAIN_BYTES}, so that the client gets the answer rather than a reset
   * connection; a longer one is cut off. The stream is not closed here: closing it waits for
   * the rest of the body, which a lying client never sends.
   */
  private static byte[] body(HttpExchange ex) throws IOException, RequestFormatException {
    String length = ex.getRequestHeaders().getFirst("Content-Length");
    InputStream in = ex.getRequestBody();
    if (length != null) {
      long declared = Checkpoint.parseDecimal(length.strip());
      if (declared < 0 || declared > AddCheckpointRequest.MAX_BODY_BYTES) {
        if (declared > 0 && declared <= DRAIN_BYTES) {
          drop(in, declared);
        }
        throw new RequestFormatException("body too large or its length unreadable");
      }
    }
    byte[] body = in.readNBytes(AddCheckpointRequest.MAX_BODY_BYTES + 1);
    if (body.length > AddCheckpointRequest.MAX_BODY_BYTES) {
      drop(in, DRAIN_BYTES);
    }
    return body;
  }

  /** Reads and drops up to {@code n} bytes, stopping early at the end of the stream. */
  private static void drop(InputStream in, long n) throws IOException {
    byte[] buf = new byte[8192];
    for (long left = n; left > 0; ) {
      int r = in.read(buf, 0, (int) Math.min(buf.length, left));
      if (r < 0) {
        return;
      }
      left -= r;
    }
  }

  private static void reply(HttpExchange ex, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
