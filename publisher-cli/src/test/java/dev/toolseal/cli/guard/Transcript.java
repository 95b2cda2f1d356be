package dev.toolseal.cli.guard;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One client session of the hostile corpus and everything the client received in it. The
 * client sends its requests one at a time, each after the previous one was answered, with the
 * ids a hostile server would predict ({@code 0, 1, 2, "c-3", 4, 5, 6}): initialize, initialized,
 * tools/list, a call of {@code echo}, prompts/list, a call of {@code add}, tools/list again, and a
 * final ping; then it leaves and reads what the guard still sends until the guard has ended.
 */
final class Transcript {
  static final String INITIALIZE = "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":"
      + "{\"sampling\":{},\"elicitation\":{},\"roots\":{}},\"clientInfo\":{\"name\":"
      + "\"hostile-corpus\",\"version\":\"1\"}}";

  private final ClientWire wire;
  private final List<String> received = new ArrayList<>();
  private final Set<String> sent = new LinkedHashSet<>();
  private final Map<String, List<JsonNode>> answered = new LinkedHashMap<>();
  private final Map<String, JsonNode> first = new LinkedHashMap<>();
  private String framing = "";

  private Transcript(ClientWire wire) {
    this.wire = wire;
  }

  static String request(String id, String method, String params) {
    return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":"
        + params + "}";
  }

  /** Runs the session on {@code wire}. */
  static Transcript run(ClientWire wire) {
    Transcript t = new Transcript(wire);
    t.call("0", "initialize", INITIALIZE);
    wire.send("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}");
    t.call("1", "tools/list", "{}");
    t.call("2", "tools/call", "{\"name\":\"echo\",\"arguments\":{\"message\":\"hello\"}}");
    t.call("\"c-3\"", "prompts/list", "{}");
    t.call("4", "tools/call", "{\"name\":\"add\",\"arguments\":{\"a\":2,\"b\":3}}");
    t.call("5", "tools/list", "{}");
    t.call("6", "ping", "{}"); // so what the server sent after the last answer is read too
    wire.finish().forEach(t::record);
    t.framing = wire.framing();
    return t;
  }

  /** Sends a request and reads until its first answer. */
  private void call(String id, String method, String params) {
    sent.add(id);
    wire.send(request(id, method, params));
    while (!first.containsKey(id)) {
      record(wire.next());
    }
  }

  private void record(String line) {
    received.add(line);
    JsonNode message;
    try {
      message = GuardHarness.JSON.readTree(line);
    } catch (IOException e) {
      return; // not JSON: only the raw text is checked
    }
    for (JsonNode m : message.isArray() ? message : List.of(message)) {
      if (m.isObject() && !m.has("method") && m.has("id")) {
        String id = m.get("id").toString();
        answered.computeIfAbsent(id, k -> new ArrayList<>()).add(m);
        first.putIfAbsent(id, m);
      }
    }
  }

  /** Every message the client received, raw, in order. */
  List<String> received() {
    return received;
  }

  String framing() {
    return framing;
  }

  /** The ids the client sent, as JSON text. */
  Set<String> sent() {
    return sent;
  }

  /** Every response the client received, by id as JSON text. */
  Map<String, List<JsonNode>> answered() {
    return answered;
  }

  String err() {
    return wire.err();
  }

  JsonNode initialize() {
    return first.get("0");
  }

  JsonNode tools() {
    return first.get("1");
  }

  JsonNode echo() {
    return first.get("2");
  }

  JsonNode prompts() {
    return first.get("\"c-3\"");
  }

  JsonNode add() {
    return first.get("4");
  }

  JsonNode toolsAgain() {
    return first.get("5");
  }
}
