package dev.toolseal.verifier.relay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.mcp.McpRecordingException;

/**
 * Sends one request of the guard's own to the upstream server and waits for its answer.
 * Contract: the request gets an id no other pending request (the client's included) uses, its
 * answer is never forwarded to the client, and the call returns within the channel's timeout.
 */
interface RequestChannel {
  /**
   * @return the response message (with {@code result} or {@code error})
   * @throws McpRecordingException {@code TIMEOUT}, or {@code TRANSPORT} when the upstream is gone
   */
  JsonNode request(String method, ObjectNode params) throws McpRecordingException;
}
