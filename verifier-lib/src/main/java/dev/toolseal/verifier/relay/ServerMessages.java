package dev.toolseal.verifier.relay;

import dev.toolseal.verifier.gate.Decision;

/**
 * Which of the server's own messages (requests to the client and notifications) may reach the
 * client under a verdict (docs/design/boundary.md, "Routing rule"). Pure: whether a message is
 * tied to traffic the gate routed (a progress token of a forwarded request, a cancelled server
 * request that was relayed) is decided by the caller when the message arrives.
 */
final class ServerMessages {
  private ServerMessages() {}

  /**
   * Whether a server request other than {@code ping} may be relayed: under a verdict that
   * accepts the whole server; under a partial acceptance only if the user allowed it.
   */
  static boolean requestAllowed(GuardVerdict v, boolean allowServerRequests) {
    return v.decision() instanceof Decision.AcceptAll
        || (v.decision() instanceof Decision.AcceptOnly && allowServerRequests);
  }

  /**
   * Whether notification {@code m} may reach the client; {@code tied} says whether it belongs
   * to routed traffic (progress, cancelled), as decided on arrival.
   */
  static boolean notificationAllowed(RpcMessage m, GuardVerdict v, boolean tied) {
    if (v.rejectsServer()) {
      return false;
    }
    if (Subjects.isListChanged(m)) {
      return true; // passed on after the verdict that judged the change
    }
    String method = m.method().orElse("");
    return switch (method) {
      case "notifications/progress", "notifications/cancelled",
          "notifications/subscriptions/acknowledged" -> tied;
      case "notifications/message", "notifications/resources/updated" ->
          v.decision() instanceof Decision.AcceptAll;
      default -> false;
    };
  }
}
