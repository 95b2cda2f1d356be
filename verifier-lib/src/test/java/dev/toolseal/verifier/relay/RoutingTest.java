package dev.toolseal.verifier.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The routing bookkeeping on its own: answered once, tokens and server requests tied. */
class RoutingTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static RpcId id(JsonNode node) throws RpcFormatException {
    return RpcId.of(node, true);
  }

  private static JsonNode params(String json) throws Exception {
    return JSON.readTree(json);
  }

  @Test
  void aForwardedRequestIsAnsweredExactlyOnce() throws Exception {
    Routing r = new Routing();
    r.forwarded(id(IntNode.valueOf(1)), "tools/call", params("{}"));
    assertTrue(r.inFlight(id(IntNode.valueOf(1))));
    assertFalse(r.inFlight(id(TextNode.valueOf("1")))); // 1 and "1" are different ids
    assertEquals(Optional.of("tools/call"), r.answer(id(IntNode.valueOf(1))));
    assertEquals(Optional.empty(), r.answer(id(IntNode.valueOf(1))));
    for (JsonNode never : List.of(IntNode.valueOf(2), TextNode.valueOf("1"),
        JSON.nullNode())) {
      assertEquals(Optional.empty(), r.answer(id(never)), never::toString);
    }
  }

  @Test
  void progressBelongsToAnUnansweredRequestsToken() throws Exception {
    Routing r = new Routing();
    r.forwarded(id(IntNode.valueOf(1)), "tools/call", params("{\"_meta\":{\"progressToken\":7}}"));
    r.forwarded(id(IntNode.valueOf(2)), "tools/call", params("{\"_meta\":{\"progressToken\":7}}"));
    assertTrue(r.progressAllowed(IntNode.valueOf(7)));
    assertFalse(r.progressAllowed(TextNode.valueOf("7")));
    assertFalse(r.progressAllowed(params("{}").path("progressToken")));
    r.answer(id(IntNode.valueOf(1)));
    assertTrue(r.progressAllowed(IntNode.valueOf(7))); // request 2 still uses it
    r.answer(id(IntNode.valueOf(2)));
    assertFalse(r.progressAllowed(IntNode.valueOf(7)));
  }

  @Test
  void aServerRequestIsClosedOnceAndOnlyIfRelayed() throws Exception {
    Routing r = new Routing();
    RpcId s = id(TextNode.valueOf("s1"));
    assertFalse(r.close(s));
    r.relayed(s);
    assertTrue(r.isRelayed(TextNode.valueOf("s1")));
    assertTrue(r.close(s));
    assertFalse(r.close(s));
    assertFalse(r.isRelayed(TextNode.valueOf("s1")));
  }

  @Test
  void drainAnswersEveryOpenRequestAndViolationsCount() throws Exception {
    Routing r = new Routing();
    r.forwarded(id(IntNode.valueOf(1)), "a", params("{}"));
    r.forwarded(id(IntNode.valueOf(2)), "b", params("{}"));
    assertEquals(Map.of(id(IntNode.valueOf(1)), "a", id(IntNode.valueOf(2)), "b"), r.drain());
    assertFalse(r.inFlight(id(IntNode.valueOf(1))));
    for (int n = 1; n <= Routing.MAX_VIOLATIONS; n++) {
      assertEquals(n, r.violation());
    }
  }
}
