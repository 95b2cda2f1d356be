package dev.toolseal.verifier.relay;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * The real server as the guard sees it: newline-delimited JSON-RPC going in and coming out, and
 * a diagnostic stream. A child process ({@link ProcessUpstream}) or a streamable HTTP endpoint
 * ({@link HttpUpstream}).
 *
 * <p>Contract: {@link #input()} takes whole lines (one JSON-RPC message or batch each) from one
 * writer thread; {@link #output()} yields whole lines to one reader thread and ends when the
 * upstream is gone; {@link #stop} is called after {@link #input()} was closed, or to end it at once (again).
 */
interface Upstream {

  /** Messages to the server, one per line. */
  OutputStream input();

  /** Messages from the server, one per line; ends when the server is gone. */
  InputStream output();

  /** The server's diagnostics (a child's stderr), copied to the guard's stderr. */
  InputStream errors();

  /** Ends the upstream: waits up to {@code grace} for it to go, then forces it. */
  void stop(Duration grace) throws InterruptedException;

  /** A short description of how the upstream ended, for stderr (empty if unknown). */
  String exitDescription();

  /** Starts the upstream {@code settings} names. */
  static Upstream start(GuardSettings settings) throws IOException {
    if (settings.url().isPresent()) {
      return HttpUpstream.connect(settings.url().get(), settings.timeout(),
          settings.maxMessageBytes(), settings.diagnostics());
    }
    return ProcessUpstream.start(settings.command(), settings.env());
  }
}
