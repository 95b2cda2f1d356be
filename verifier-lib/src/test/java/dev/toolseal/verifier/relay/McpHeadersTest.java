package dev.toolseal.verifier.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The modern Streamable HTTP request headers: computed from a body, and checked against one. */
class McpHeadersTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode call(String name) throws Exception {
    return JSON.readTree("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":"
        + "{\"name\":" + JSON.writeValueAsString(name) + ",\"arguments\":{},\"_meta\":"
        + "{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}");
  }

  @Test
  void valuesThatAreNotPlainVisibleAsciiAreSentBase64() {
    assertEquals("get_weather", McpHeaders.encode("get_weather"));
    assertEquals("a b", McpHeaders.encode("a b"));
    for (String odd : new String[] {"Hello, 世界", " padded ", "line1\nline2", "=?base64?x?=",
        "tab\there", "", "\u200Einvisible"}) {
      String header = McpHeaders.encode(odd);
      assertTrue(header.startsWith("=?base64?") && header.endsWith("?="), odd);
      assertEquals(Optional.of(odd), McpHeaders.decode(header), odd);
    }
    assertEquals("=?base64?SGVsbG8sIOS4lueVjA==?=", McpHeaders.encode("Hello, 世界"));
    assertEquals(Optional.empty(), McpHeaders.decode("=?base64?not base64!?="));
    assertEquals(Optional.empty(), McpHeaders.decode("=?base64?/w==?=")); // not UTF-8
  }

  @Test
  void headersMirrorTheBodyAndAnyDisagreementIsFound() throws Exception {
    JsonNode body = call("über");
    Map<String, String> headers = McpHeaders.of(body);
    assertEquals("2026-07-28", headers.get("MCP-Protocol-Version"));
    assertEquals("tools/call", headers.get("Mcp-Method"));
    assertEquals("=?base64?w7xiZXI=?=", headers.get("Mcp-Name"));
    assertEquals(Optional.empty(), McpHeaders.mismatch(body, headers::get));

    for (String header : headers.keySet()) {
      Map<String, String> missing = new HashMap<>(headers);
      missing.remove(header);
      assertEquals(Optional.of(header), McpHeaders.mismatch(body, missing::get));
      Map<String, String> other = new HashMap<>(headers);
      other.put(header, "x");
      assertEquals(Optional.of(header), McpHeaders.mismatch(body, other::get));
    }
    // a name header on a method that has no name
    JsonNode list = JSON.readTree("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\","
        + "\"params\":{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\"}}}");
    Map<String, String> listHeaders = new HashMap<>(McpHeaders.of(list));
    assertFalse(listHeaders.containsKey("Mcp-Name"));
    assertEquals(Optional.empty(), McpHeaders.mismatch(list, listHeaders::get));
    listHeaders.put("Mcp-Name", "echo");
    assertEquals(Optional.of("Mcp-Name"), McpHeaders.mismatch(list, listHeaders::get));
  }

  @Test
  void onlyASingleRequestNamingAVersionIsModern() throws Exception {
    assertTrue(McpHeaders.isModernRequest(call("echo")));
    assertFalse(McpHeaders.isModernRequest(JSON.readTree("[" + call("echo") + "]")));
    assertFalse(McpHeaders.isModernRequest(JSON.readTree("{\"jsonrpc\":\"2.0\",\"id\":1,"
        + "\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-11-25\"}}")));
  }
}
