package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.manifest.SchemaRefs;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Input requests inside results (MCP 2026-07-28, multi round-trip requests; docs/design/eras.md,
 * section 6): a {@code tools/call}, {@code prompts/get} or {@code resources/read} result may be
 * {@code resultType: "input_required"} with {@code inputRequests}, the modern form of the
 * server's own requests for sampling, elicitation and roots. Which answers are such results, and
 * which break the protocol's rules. Pure.
 */
final class InputRequests {
  private static final Set<String> ASKING_METHODS =
      Set.of("tools/call", "prompts/get", "resources/read");
  /** Input request method to the client capability it needs. */
  private static final Map<String, String> CAPABILITY = Map.of(
      "elicitation/create", "elicitation",
      "sampling/createMessage", "sampling",
      "roots/list", "roots");

  private InputRequests() {}

  /** Whether a request of {@code method} may be answered with input requests. */
  static boolean mayAsk(String method) {
    return ASKING_METHODS.contains(method);
  }

  /** Whether response {@code m} asks the client for input instead of completing. */
  static boolean asksForInput(RpcMessage m) {
    JsonNode type = m.tree().path("result").path("resultType");
    return m.isResult() && type.isTextual() && type.textValue().equals("input_required");
  }

  /**
   * What is wrong with input-required answer {@code m} to a request of {@code method} from a
   * client that declared {@code clientCapabilities}, or empty when it keeps the rules: only the
   * three methods may ask, {@code inputRequests} is a non-empty object, and each input request is
   * one of the three kinds with a capability the client declared, and no elicitation's {@code
   * requestedSchema} refers outside itself ({@link SchemaRefs}). The text is the guard's own.
   */
  static Optional<String> violation(RpcMessage m, String method, JsonNode clientCapabilities) {
    if (!ASKING_METHODS.contains(method)) {
      return Optional.of("input requests in an answer to " + method + ", which may not ask");
    }
    JsonNode requests = m.tree().path("result").path("inputRequests");
    if (!requests.isObject() || requests.isEmpty()) {
      return Optional.of("an input-required answer without input requests");
    }
    for (Map.Entry<String, JsonNode> r : requests.properties()) {
      String capability = CAPABILITY.get(r.getValue().path("method").asText(""));
      if (capability == null) {
        return Optional.of("an input request of a kind that does not exist");
      }
      if (!clientCapabilities.has(capability)) {
        return Optional.of("an input request for " + capability
            + ", which the client did not declare");
      }
      JsonNode schema = r.getValue().path("params").get("requestedSchema");
      if (schema != null && !SchemaRefs.ofSchema(schema, "/requestedSchema").isEmpty()) {
        return Optional.of("an elicitation whose requestedSchema refers outside itself");
      }
    }
    return Optional.empty();
  }
}
