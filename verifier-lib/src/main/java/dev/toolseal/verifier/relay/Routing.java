package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The positive routing state of one session (docs/design/boundary.md, "Routing rule"): which
 * client requests were forwarded to the server and are unanswered (with their progress tokens),
 * which server requests were relayed to the client and are unanswered, and how many routing
 * violations the server committed. Pure bookkeeping, no IO; the caller holds the session lock.
 */
final class Routing {
  /** At this many violations the server is rejected for the rest of the session. */
  static final int MAX_VIOLATIONS = 3;

  private record Forwarded(String method, RpcId progressToken) {}

  private final Map<RpcId, Forwarded> clientRequests = new LinkedHashMap<>();
  private final Map<RpcId, Integer> progressTokens = new HashMap<>();
  private final Set<RpcId> serverRequests = new HashSet<>();
  private int violations;

  /** Client request {@code id} ({@code method}) was forwarded to the server. */
  void forwarded(RpcId id, String method, JsonNode params) {
    RpcId token = idOrNull(params.path("_meta").path("progressToken"));
    clientRequests.put(id, new Forwarded(method, token));
    if (token != null) {
      progressTokens.merge(token, 1, Integer::sum);
    }
  }

  /** Whether client request {@code id} was forwarded and has no answer yet. */
  boolean inFlight(RpcId id) {
    return clientRequests.containsKey(id);
  }

  /**
   * A response with {@code id} arrived from the server: if it answers a forwarded, unanswered
   * client request, that request is now answered and its method is returned; else empty.
   */
  Optional<String> answer(RpcId id) {
    Forwarded f = clientRequests.remove(id);
    if (f == null) {
      return Optional.empty();
    }
    if (f.progressToken() != null) {
      progressTokens.computeIfPresent(f.progressToken(), (k, n) -> n == 1 ? null : n - 1);
    }
    return Optional.of(f.method());
  }

  /** Every forwarded, unanswered client request (id to method); they count as answered now. */
  Map<RpcId, String> drain() {
    Map<RpcId, String> open = new LinkedHashMap<>();
    clientRequests.forEach((id, f) -> open.put(id, f.method()));
    clientRequests.clear();
    progressTokens.clear();
    return open;
  }

  /**
   * Whether {@code subscriptionId} (from a notification's {@code _meta}) names a forwarded,
   * unanswered {@code subscriptions/listen} request of the client's: the stream a modern
   * server's change notifications belong to.
   */
  boolean listening(JsonNode subscriptionId) {
    RpcId id = idOrNull(subscriptionId);
    Forwarded f = id == null ? null : clientRequests.get(id);
    return f != null && f.method().equals("subscriptions/listen");
  }

  /** Whether a progress notification with this token belongs to an unanswered request. */
  boolean progressAllowed(JsonNode progressToken) {
    RpcId token = idOrNull(progressToken);
    return token != null && progressTokens.containsKey(token);
  }

  /** Server request {@code id} was relayed to the client. */
  void relayed(RpcId id) {
    serverRequests.add(id);
  }

  /** Whether server request {@code id} was relayed and is unanswered. */
  boolean isRelayed(JsonNode id) {
    RpcId r = idOrNull(id);
    return r != null && serverRequests.contains(r);
  }

  /**
   * The client answered (or the server cancelled) server request {@code id}: true, and it is
   * closed, if it was relayed and unanswered; false otherwise.
   */
  boolean close(RpcId id) {
    return serverRequests.remove(id);
  }

  /** Counts one violation; returns how many there were in this session. */
  int violation() {
    return ++violations;
  }

  private static RpcId idOrNull(JsonNode node) {
    if (node == null || node.isMissingNode()) {
      return null;
    }
    try {
      return RpcId.of(node, false);
    } catch (RpcFormatException e) {
      return null;
    }
  }
}
