package dev.toolseal.verifier.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * One guard run: starts the upstream server (a child process, or a streamable HTTP session) and
 * relays between the client's streams and the upstream's until one side ends. Threads: one reader per side, one writer per side
 * ({@link Outbox}), a pump for the child's stderr, and the verification worker.
 *
 * <p>When the client closes its input, the child's stdin is closed after everything queued for
 * it; the child gets {@code shutdownGrace} to exit, then SIGTERM, then SIGKILL; the run returns
 * {@link #CLIENT_CLOSED}. When the child's output ends first, every open client request is
 * answered with an error and the run returns {@link #UPSTREAM_EXITED}.
 */
public final class Guard {
  /** The client ended the session (its input closed, or its output broke). */
  public static final int CLIENT_CLOSED = 0;
  /** The upstream server exited, or its input broke. */
  public static final int UPSTREAM_EXITED = 1;

  private static final long MAX_QUEUED_BYTES = 256L << 20;

  private final GuardSettings settings;
  private final LinkedBlockingQueue<Integer> ends = new LinkedBlockingQueue<>();
  private volatile GuardSession running;

  public Guard(GuardSettings settings) {
    this.settings = settings;
  }

  /**
   * Runs until one side ends.
   *
   * @return {@link #CLIENT_CLOSED} or {@link #UPSTREAM_EXITED}
   * @throws IOException the upstream could not be started
   */
  public int run(InputStream clientIn, OutputStream clientOut, PrintStream err)
      throws IOException, InterruptedException {
    Upstream upstream = Upstream.start(settings);
    Outbox toUpstream = new Outbox(upstream.input(), MAX_QUEUED_BYTES,
        () -> ends.add(UPSTREAM_EXITED));
    Outbox toClient = new Outbox(clientOut, MAX_QUEUED_BYTES, () -> ends.add(CLIENT_CLOSED));
    Verification verification = new Verification(settings);
    GuardSession session = new GuardSession(settings, toClient, toUpstream, verification);
    verification.attach(session);
    if (upstream instanceof HttpUpstream http) {
      http.toolSchemas(session::verifiedInputSchema);
    }
    running = session;
    Thread upstreamWriter = start("toolseal-guard-to-upstream", toUpstream);
    Thread clientWriter = start("toolseal-guard-to-client", toClient);
    Thread stderr = start("toolseal-guard-stderr", () -> pump(upstream.errors(), err));
    Thread upstreamReader = start("toolseal-guard-from-upstream", () -> {
      read(upstream.output(), session::fromUpstream);
      session.upstreamClosed();
      ends.add(UPSTREAM_EXITED);
    });
    start("toolseal-guard-from-client", () -> {
      read(clientIn, session::fromClient);
      ends.add(CLIENT_CLOSED);
    });
    int end = ends.take();
    try {
      if (end == CLIENT_CLOSED) {
        toUpstream.finish();
        upstreamWriter.join(settings.shutdownGrace().toMillis());
        upstream.stop(settings.shutdownGrace());
        upstreamReader.join(settings.shutdownGrace().toMillis());
      } else {
        upstream.stop(settings.shutdownGrace());
        err.println("toolseal guard: the upstream server exited" + upstream.exitDescription());
        err.flush();
      }
      toClient.finish();
      clientWriter.join(settings.shutdownGrace().toMillis());
      stderr.join(settings.shutdownGrace().toMillis());
    } finally {
      verification.shutdown();
      upstream.stop(Duration.ZERO);
    }
    return end;
  }

  private interface LineHandler {
    void accept(LineReader.Line line);
  }

  private void read(InputStream in, LineHandler handler) {
    LineReader reader = new LineReader(in, settings.maxMessageBytes());
    try {
      for (LineReader.Line line = reader.next(); line != null; line = reader.next()) {
        handler.accept(line);
      }
    } catch (IOException e) {
      // the stream broke: same as its end
    } catch (RuntimeException e) {
      settings.diagnostics().accept("internal error, stopping: " + e);
      ends.add(UPSTREAM_EXITED);
    }
  }

  private static void pump(InputStream in, PrintStream err) {
    byte[] buf = new byte[8192];
    try {
      for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
        err.write(buf, 0, n);
        err.flush();
      }
    } catch (IOException e) {
      // the child's stderr closed
    }
  }

  /** The session of the run in progress, or {@code null} before it started. */
  GuardSession session() {
    return running;
  }

  private static Thread start(String name, Runnable task) {
    Thread t = new Thread(task, name);
    t.setDaemon(true);
    t.start();
    return t;
  }
}
