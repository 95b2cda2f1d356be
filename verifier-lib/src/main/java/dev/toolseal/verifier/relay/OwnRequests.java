package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.toolseal.verifier.mcp.McpRecordingException;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * The engine's own requests to the upstream (the list pages it records): string ids
 * {@code toolseal-guard-<random>-<n>}, and the answer each pending one waits for. Their answers
 * are never the client's. Bookkeeping, no IO; the caller holds the session's lock, except
 * around {@link #await}, which must be called without it.
 */
final class OwnRequests {
  /** At most this many timed-out ids are remembered (the oldest are forgotten). */
  private static final int MAX_TIMED_OUT = 1000;

  private final String prefix = "toolseal-guard-" + UUID.randomUUID() + "-";
  private final Map<RpcId, CompletableFuture<JsonNode>> pending = new HashMap<>();
  private final Set<RpcId> timedOut = new LinkedHashSet<>();
  private long count;

  /** A new pending request; its id is none that {@code taken} (the client's in flight) holds. */
  RpcId open(CompletableFuture<JsonNode> answer, Predicate<RpcId> taken) {
    RpcId id;
    do {
      id = new RpcId("s:" + prefix + ++count, TextNode.valueOf(prefix + count));
    } while (taken.test(id));
    pending.put(id, answer);
    return id;
  }

  /** Whether {@code id} is one of the engine's requests still waiting for its answer. */
  boolean pending(RpcId id) {
    return pending.containsKey(id);
  }

  /** The answer {@code id} waits for ({@code null} if none); it waits no more. */
  CompletableFuture<JsonNode> take(RpcId id) {
    return pending.remove(id);
  }

  /**
   * The wait for {@code id} ended: if it is still pending (it timed out), it waits no more and
   * its answer, should it come, is a late one.
   */
  void giveUp(RpcId id) {
    if (pending.remove(id) == null) {
      return; // answered, or failed with the upstream
    }
    if (timedOut.size() == MAX_TIMED_OUT) {
      Iterator<RpcId> oldest = timedOut.iterator();
      oldest.next();
      oldest.remove();
    }
    timedOut.add(id);
  }

  /** Whether response {@code id} is the first late answer to a request that timed out. */
  boolean late(RpcId id) {
    return timedOut.remove(id);
  }

  /**
   * Whether {@code id} has the form of the engine's own ids in this session: a response with it
   * that no request waits for is never the client's (a late answer, a second one, or one to a
   * request given up when the upstream was rejected).
   */
  boolean ours(RpcId id) {
    return id.key().startsWith("s:" + prefix);
  }

  /** Every pending answer; none is pending any more (the caller completes them). */
  List<CompletableFuture<JsonNode>> drain() {
    List<CompletableFuture<JsonNode>> all = new ArrayList<>(pending.values());
    pending.clear();
    return all;
  }

  /**
   * Waits, without the session's lock, for {@code answer} to the engine's request {@code
   * method}, at most {@code timeout}.
   */
  static JsonNode await(CompletableFuture<JsonNode> answer, String method, Duration timeout)
      throws McpRecordingException {
    try {
      return answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw new McpRecordingException(Reason.TIMEOUT, method + " got no answer in " + timeout,
          "");
    } catch (ExecutionException e) {
      throw new McpRecordingException(Reason.TRANSPORT, "the upstream server exited", "", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new McpRecordingException(Reason.TRANSPORT, "interrupted", "", e);
    }
  }
}
