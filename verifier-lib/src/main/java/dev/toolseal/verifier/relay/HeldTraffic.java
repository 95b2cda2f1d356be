package dev.toolseal.verifier.relay;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages held, in arrival order, while no verdict is in force (docs/design/guard.md,
 * "Enforcement"), at most {@link #MAX_HELD}. Pure bookkeeping, no IO; the caller holds the
 * session's lock.
 */
final class HeldTraffic {
  static final int MAX_HELD = 10_000;

  /**
   * A held message. For an upstream response, {@code answers} is the method of the client
   * request it answers (decided on arrival); for an upstream notification, {@code tied} says
   * whether it belonged to routed traffic on arrival.
   */
  record Held(boolean fromClient, RpcMessage message, byte[] raw, String answers,
      boolean tied) {
    static Held client(RpcMessage m, byte[] raw) {
      return new Held(true, m, raw, null, false);
    }

    static Held upstream(RpcMessage m, byte[] raw) {
      return new Held(false, m, raw, null, false);
    }
  }

  private final ArrayDeque<Held> held = new ArrayDeque<>();

  /** Whether no more messages may be held. */
  boolean full() {
    return held.size() >= MAX_HELD;
  }

  /** Holds {@code h} (the caller checked {@link #full()} where the bound applies). */
  void add(Held h) {
    held.add(h);
  }

  /** Every held message, in order; none is held any more. */
  List<Held> release() {
    List<Held> all = new ArrayList<>(held);
    held.clear();
    return all;
  }

  /**
   * The ids the client still waits for among the held messages (its requests, and answers to
   * forwarded requests decided on arrival); nothing is held any more.
   */
  List<RpcId> abandon() {
    List<RpcId> open = new ArrayList<>();
    for (Held h : held) {
      if ((h.fromClient() && h.message().kind() == RpcMessage.Kind.REQUEST)
          || h.answers() != null) { // a held answer to a forwarded request: never delivered
        open.add(h.message().id().get());
      }
    }
    held.clear();
    return open;
  }
}
