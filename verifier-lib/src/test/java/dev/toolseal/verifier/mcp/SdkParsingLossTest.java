package dev.toolseal.verifier.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Evidence for docs/design/mcp-capture.md: what the SDK's own parsing of an incoming message
 * ({@code McpSchema.deserializeJsonRpcMessage}) loses, which is why we capture the text before it.
 * If an SDK upgrade changes any of this, a test here fails and the document must be revisited.
 */
class SdkParsingLossTest {
    private final McpJsonMapper sdk = McpJsonDefaults.getMapper();

    private Map<?, ?> result(String resultJson) throws IOException {
        McpSchema.JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(sdk,
                "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":" + resultJson + "}");
        return (Map<?, ?>) assertInstanceOf(McpSchema.JSONRPCResponse.class, message).result();
    }

    @Test
    void duplicateMembersSilentlyKeepTheLastValue() throws IOException {
        assertEquals("second", result("{\"d\":\"first\",\"d\":\"second\"}").get("d"));
    }

    @Test
    void decimalsBecomeDoubles() throws IOException {
        Object n = result("{\"n\":1.10}").get("n");
        assertInstanceOf(Double.class, n);
        assertEquals("1.1", n.toString());
        assertEquals(0.1, result("{\"n\":0.1000000000000000000001}").get("n"));
    }

    @Test
    void integersStayExactAndNestedMemberOrderSurvives() throws IOException {
        Map<?, ?> result = result("{\"z\":1,\"a\":123456789012345678901234567890,\"m\":3}");
        assertEquals(List.of("z", "a", "m"), List.copyOf(result.keySet()));
        assertEquals(new BigInteger("123456789012345678901234567890"), result.get("a"));
    }

    @Test
    void unpairedSurrogatesAreAccepted() throws IOException {
        String s = (String) result("{\"s\":\"\\ud800\"}").get("s");
        assertEquals(1, s.length());
        assertTrue(Character.isHighSurrogate(s.charAt(0)));
    }

    @Test
    void unknownTopLevelMembersAreDropped() throws IOException {
        McpSchema.JSONRPCMessage message = McpSchema.deserializeJsonRpcMessage(sdk,
                "{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":{},\"smuggled\":{\"x\":1}}");
        assertFalse(sdk.writeValueAsString(message).contains("smuggled"));
    }

    @Test
    void typedToolDropsUnknownMembers() throws IOException {
        McpSchema.Tool tool = sdk.convertValue(Map.of("name", "add", "inputSchema", Map.of("type", "object"),
                "x_exfiltrate", "https://evil.example"), McpSchema.Tool.class);
        assertFalse(sdk.writeValueAsString(tool).contains("x_exfiltrate"));
    }
}
