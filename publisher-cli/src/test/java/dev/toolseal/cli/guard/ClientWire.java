package dev.toolseal.cli.guard;

import java.util.List;

/**
 * The client's side of a guard under test, over one transport: raw JSON-RPC text in, every
 * message the guard sends out, exactly as received (the hostile corpus checks raw text).
 */
interface ClientWire extends AutoCloseable {
  /** Generous bound so a broken guard fails the test instead of hanging it. */
  long WAIT_SECONDS = 90;

  /** Sends one client message. */
  void send(String json);

  /** The next message from the guard, raw; fails after {@link #WAIT_SECONDS}. */
  String next();

  /**
   * The client leaves (stdin closed, or the HTTP session deleted); waits until the guard has
   * ended and returns every message it sent that {@link #next()} did not return yet.
   */
  List<String> finish();

  /** Every other byte the client received besides the messages (SSE framing), as text. */
  String framing();

  /** The guard's stderr so far, for failure messages. */
  String err();

  @Override
  void close();
}
