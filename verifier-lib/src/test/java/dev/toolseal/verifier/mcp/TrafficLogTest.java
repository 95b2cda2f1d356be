package dev.toolseal.verifier.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The capture layer's strict parsing and pairing, fed with hand-written wire messages. */
class TrafficLogTest {
    private final TrafficLog log = new TrafficLog(RecordingLimits.DEFAULT, ids -> { });

    private void request(String id, String method) throws IOException {
        log.outgoing(new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, method, id,
                Map.of("cursor", "c1")), McpJsonDefaults.getMapper());
    }

    @Test
    void responseIsPairedWithItsRequestAndKeptExactly() throws IOException {
        request("r-1", "tools/list");
        String text = "{\"jsonrpc\":\"2.0\",\"id\":\"r-1\",\"extra\":true,\"result\":{\"tools\":[],"
                + "\"n\":1.10,\"big\":123456789012345678901234567890,\"z\":1,\"a\":2}}";
        log.inbound(text);
        RawResponse response = log.responses().get(0);
        assertEquals("tools/list", response.method());
        assertEquals(Optional.of("c1"), response.requestCursor());
        assertEquals(Optional.of(ListKind.TOOLS), response.listKind());
        assertEquals(text, response.text());
        JsonNode result = response.result().orElseThrow();
        assertEquals(new BigDecimal("1.10"), result.get("n").decimalValue());
        assertEquals(2, result.get("n").decimalValue().scale());
        assertEquals(new BigInteger("123456789012345678901234567890"), result.get("big").bigIntegerValue());
        List<String> names = new ArrayList<>();
        result.fieldNames().forEachRemaining(names::add);
        assertEquals(List.of("tools", "n", "big", "z", "a"), names);
    }

    @Test
    void errorResponseIsRecordedAsError() throws IOException {
        request("r-2", "resources/templates/list");
        log.inbound("{\"jsonrpc\":\"2.0\",\"id\":\"r-2\",\"error\":{\"code\":-32601,\"message\":\"nope\"}}");
        RawResponse response = log.responses().get(0);
        assertTrue(response.result().isEmpty());
        assertEquals(-32601, response.error().orElseThrow().get("code").intValue());
    }

    @Test
    void unknownIdsAndServerRequestsAreNotRecorded() throws IOException {
        log.inbound("{\"jsonrpc\":\"2.0\",\"id\":\"nobody\",\"result\":{}}");
        log.inbound("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}");
        assertEquals(List.of(), log.responses());
        assertEquals(List.of(), log.notifications());
        assertTrue(log.failure().isEmpty());
    }

    @Test
    void notificationsReachListenersInOrder() throws IOException {
        List<ListKind> changed = new ArrayList<>();
        log.addListener(new RawTrafficListener() {
            @Override
            public void onNotification(RawNotification notification) {
                notification.listChanged().ifPresent(changed::add);
            }
        });
        log.inbound("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}");
        log.inbound("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\"}}");
        log.inbound("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/list_changed\"}");
        assertEquals(List.of(ListKind.TOOLS, ListKind.RESOURCES), changed);
        assertEquals(3, log.notifications().size());
    }

    @Test
    void everyNonStrictMessageFailsTheLogForGood() throws IOException {
        List<String> bad = List.of(
                "{\"jsonrpc\":\"2.0\",\"id\":\"r-3\",\"result\":{\"a\":1,\"a\":2}}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"r-3\",\"result\":{\"a\":\"\\ud800\"}}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"r-3\",\"result\":{\"\\udc00\":1}}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"r-3\",\"result\":{}} {}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"r-3\",\"result\":{'a':1}}",
                "{\"jsonrpc\":\"2.0\",\"id\":\"r-3\",\"result\":{\"a\":NaN}}",
                "",
                "[]");
        for (String text : bad) {
            TrafficLog fresh = new TrafficLog(RecordingLimits.DEFAULT, ids -> { });
            fresh.outgoing(new McpSchema.JSONRPCRequest(McpSchema.JSONRPC_VERSION, "tools/list", "r-3", null),
                    McpJsonDefaults.getMapper());
            assertThrows(IOException.class, () -> fresh.inbound(text), text);
            Reason reason = fresh.failure().orElseThrow().reason();
            assertTrue(reason == Reason.MALFORMED_JSON || reason == Reason.PROTOCOL, text + " " + reason);
            assertThrows(IOException.class, () -> fresh.inbound("{\"jsonrpc\":\"2.0\",\"id\":\"r-3\",\"result\":{}}"));
            assertEquals(List.of(), fresh.responses());
        }
    }

    @Test
    void malformedUtf8BytesAreRefused() {
        byte[] bytes = "{\"jsonrpc\":\"2.0\",\"method\":\"x\"}".getBytes(StandardCharsets.UTF_8);
        bytes[20] = (byte) 0xC3;
        assertThrows(IOException.class, () -> log.inbound(bytes));
        assertEquals(Reason.MALFORMED_JSON, log.failure().orElseThrow().reason());
    }

    @Test
    void sizeLimitsAreEnforced() {
        TrafficLog small = new TrafficLog(RecordingLimits.DEFAULT.withMaxMessageChars(1024), ids -> { });
        String big = "{\"jsonrpc\":\"2.0\",\"method\":\"x\",\"params\":{\"p\":\"" + "a".repeat(1024) + "\"}}";
        assertThrows(IOException.class, () -> small.inbound(big));
        assertEquals(Reason.SIZE_LIMIT, small.failure().orElseThrow().reason());
    }

    @Test
    void aThrowingListenerStopsTheSession() throws IOException {
        log.addListener(new RawTrafficListener() {
            @Override
            public void onResponse(RawResponse response) {
                throw new IllegalStateException("gate broke");
            }
        });
        request("r-4", "tools/list");
        assertThrows(IOException.class,
                () -> log.inbound("{\"jsonrpc\":\"2.0\",\"id\":\"r-4\",\"result\":{\"tools\":[]}}"));
        assertEquals(Reason.LISTENER_FAILED, log.failure().orElseThrow().reason());
        assertThrows(IOException.class,
                () -> log.inbound("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}"));
    }
}
