package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * Input requests for a legacy client bridged to a modern server (docs/design/eras.md, sections 6
 * and 7): a modern server asks for input inside a result ({@code inputRequests}), a legacy
 * client only answers requests sent to it. For each input request the guard sends the client a
 * request of its own ({@code elicitation/create}, {@code sampling/createMessage}, {@code
 * roots/list}), collects the answers, and sends the client's original request upstream again
 * with {@code inputResponses} and the unchanged {@code requestState}, under the client's id, so
 * the final answer goes to the client as the answer to what it asked. At most {@link
 * #MAX_ROUNDS} rounds per request. Bookkeeping, no IO; the caller holds the session's lock and
 * has already judged the answer under the verdict ({@link InputRequests}, the quarantine rule).
 */
final class InputRounds {
  /** Input rounds one client request may take before it is refused. */
  static final int MAX_ROUNDS = 8;

  private final String prefix = "toolseal-input-" + UUID.randomUUID() + "-";
  private long count;
  private final Map<RpcId, Call> calls = new HashMap<>(); // the client's request id
  private final Map<RpcId, Ask> asks = new HashMap<>(); // the guard's request to the client

  /** A client request that may ask for input: what it asked, and the round it is in. */
  private static final class Call {
    final String method;
    final ObjectNode params; // as sent upstream, with the modern _meta
    int rounds;
    ObjectNode responses;
    int open;
    JsonNode requestState;

    Call(String method, ObjectNode params) {
      this.method = method;
      this.params = params;
    }
  }

  private record Ask(RpcId call, String key) {}

  /**
   * Client request {@code id} went upstream as {@code params}; it may come back asking. A retry
   * (the same id again) keeps the rounds it used.
   */
  void forwarded(RpcId id, String method, JsonNode params) {
    if (InputRequests.mayAsk(method) && params.isObject()) {
      Call before = calls.get(id);
      Call call = new Call(method, (ObjectNode) params.deepCopy());
      call.rounds = before == null ? 0 : before.rounds;
      calls.put(id, call);
    }
  }

  /** Client request {@code id} got its final answer (or a refusal): nothing more to remember. */
  void finished(RpcId id) {
    calls.remove(id);
    asks.values().removeIf(a -> a.call().equals(id));
  }

  /**
   * The upstream answered client request {@code id} with input-required {@code result}: the
   * requests to send the client, one per input request; empty when the request was not
   * remembered or used up its rounds (refuse it then).
   */
  List<ObjectNode> ask(RpcId id, JsonNode result, Predicate<RpcId> taken) {
    Call call = calls.get(id);
    if (call == null || ++call.rounds > MAX_ROUNDS) {
      finished(id);
      return List.of();
    }
    call.responses = JsonNodeFactory.instance.objectNode();
    call.requestState = result.get("requestState");
    call.open = 0;
    List<ObjectNode> out = new ArrayList<>();
    for (Map.Entry<String, JsonNode> r : result.path("inputRequests").properties()) {
      RpcId ask;
      do {
        ask = new RpcId("s:" + prefix + ++count, TextNode.valueOf(prefix + count));
      } while (taken.test(ask));
      asks.put(ask, new Ask(id, r.getKey()));
      call.open++;
      JsonNode params = r.getValue().get("params");
      out.add(Responses.request(ask, r.getValue().path("method").asText(),
          params instanceof ObjectNode o ? o.deepCopy() : JsonNodeFactory.instance.objectNode()));
    }
    return out;
  }

  /** Whether {@code id} is a request the guard sent the client for an input request. */
  boolean isAsk(RpcId id) {
    return asks.containsKey(id);
  }

  /** What one answer of the client's to an input request leads to. */
  sealed interface Outcome {
    /** Other inputs of the round are still open (or the answer was for nothing known). */
    record Waiting() implements Outcome {}

    /** Every input is in: the client's request {@code id} again, with the answers. */
    record Retry(RpcId id, String method, ObjectNode request) implements Outcome {}

    /** The client answered with an error: its request {@code call} cannot go on. */
    record Failed(RpcId call) implements Outcome {}
  }

  /** The client answered input request {@code id} with {@code answer}. */
  Outcome answered(RpcId id, RpcMessage answer) {
    Ask ask = asks.remove(id);
    Call call = ask == null ? null : calls.get(ask.call());
    if (call == null) {
      return new Outcome.Waiting();
    }
    JsonNode result = answer.tree().get("result");
    if (result == null) {
      finished(ask.call());
      return new Outcome.Failed(ask.call());
    }
    call.responses.set(ask.key(), result.deepCopy());
    if (--call.open > 0) {
      return new Outcome.Waiting();
    }
    ObjectNode params = call.params.deepCopy();
    params.set("inputResponses", call.responses);
    if (call.requestState != null) {
      params.set("requestState", call.requestState.deepCopy());
    } else {
      params.remove("requestState");
    }
    return new Outcome.Retry(ask.call(), call.method,
        Responses.request(ask.call(), call.method, params));
  }

  /** The client requests waiting for input rounds (refused when the upstream is gone). */
  List<RpcId> waiting() {
    Map<RpcId, Boolean> open = new LinkedHashMap<>();
    asks.values().forEach(a -> open.put(a.call(), true));
    return new ArrayList<>(open.keySet());
  }
}
