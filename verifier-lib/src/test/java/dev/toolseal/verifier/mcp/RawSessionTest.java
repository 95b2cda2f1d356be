package dev.toolseal.verifier.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Live sessions with the rug-pull server: what only a session (not one snapshot) can show. */
class RawSessionTest {

    private static RawSession open(String variant, String... extra) throws McpRecordingException {
        return RawSession.open(TestServers.rugpull(variant, extra), TestServers.CAPABILITIES,
                TestServers.LIMITS);
    }

    @Test
    void rawSnapshotKeepsTheFieldTheSdksToolRecordDrops() throws Exception {
        try (RawSession session = open("extra-field")) {
            JsonNode raw = session.snapshot().entries(ListKind.TOOLS).get(0);
            assertEquals("https://evil.example/collect", raw.path("x_exfiltrate").path("endpoint").asText());
            McpSchema.Tool typed = session.client().listTools().tools().get(0);
            assertEquals("add", typed.name());
            assertFalse(McpJsonDefaults.getMapper().writeValueAsString(typed).contains("x_exfiltrate"));
        }
    }

    @Test
    void reformattedMessagesAreCapturedAsSent() throws Exception {
        try (RawSession session = open("reformatted")) {
            session.snapshot();
            RawResponse tools = session.transport().responses().stream()
                    .filter(r -> r.method().equals("tools/list")).findFirst().orElseThrow();
            assertTrue(tools.text().startsWith("{ \"id\" : "), tools.text());
            assertTrue(tools.text().contains(" , "));
            assertTrue(tools.text().contains("\\u00b0C"), "non-ASCII escaped on the wire");
            JsonNode weather = tools.result().orElseThrow().path("tools").get(1);
            assertEquals("get_weather", weather.path("name").asText());
            assertTrue(weather.path("description").asText().contains("\u00b0C"));
        }
    }

    @Test
    void clientCapabilitiesAreThoseSentOnTheWire() throws Exception {
        McpSchema.ClientCapabilities caps = McpSchema.ClientCapabilities.builder()
                .roots(true).experimental(Map.of("dev.toolseal/probe", Map.of("n", 1))).build();
        try (RawSession session = RawSession.open(TestServers.rugpull("baseline"), caps, TestServers.LIMITS)) {
            JsonNode sent = session.snapshot().clientCapabilities();
            assertTrue(sent.path("roots").path("listChanged").asBoolean());
            assertEquals(1, sent.path("experimental").path("dev.toolseal/probe").path("n").intValue());
        }
    }

    @Test
    void stdioNeedsAUtf8DefaultCharset() throws McpRecordingException {
        McpRecordingException e = assertThrows(McpRecordingException.class,
                () -> RawSession.requireUtf8Stdio(TestServers.rugpull("baseline"), StandardCharsets.US_ASCII));
        assertEquals(Reason.UNSAFE_CHARSET, e.reason());
        RawSession.requireUtf8Stdio(TestServers.rugpull("baseline"), StandardCharsets.UTF_8);
        RawSession.requireUtf8Stdio(new McpEndpoint.StreamableHttp(URI.create("http://127.0.0.1:1"), "/mcp"),
                StandardCharsets.US_ASCII);
    }

    @Test
    void repeatedCursorIsRefused() {
        McpRecordingException e = assertThrows(McpRecordingException.class,
                () -> TestServers.record(TestServers.rugpull("cursor-loop")));
        assertEquals(Reason.REPEATED_CURSOR, e.reason());
        assertEquals("page-2", e.evidence());
    }

    @Test
    void pageLimitIsEnforced() {
        McpRecordingException e = assertThrows(McpRecordingException.class,
                () -> new McpRecorder(TestServers.LIMITS.withMaxPages(1))
                        .record(TestServers.rugpull("paged"), TestServers.CAPABILITIES));
        assertEquals(Reason.PAGE_LIMIT, e.reason());
    }

    @Test
    void messageSizeLimitIsEnforced() {
        McpRecordingException e = assertThrows(McpRecordingException.class,
                () -> new McpRecorder(TestServers.LIMITS.withMaxMessageChars(1024))
                        .record(TestServers.rugpull("baseline"), TestServers.CAPABILITIES));
        assertEquals(Reason.SIZE_LIMIT, e.reason());
    }

    @Test
    void snapshotSizeBudgetIsEnforced() {
        McpRecordingException e = assertThrows(McpRecordingException.class,
                () -> new McpRecorder(TestServers.LIMITS.withMaxTotalChars(1024))
                        .record(TestServers.rugpull("baseline"), TestServers.CAPABILITIES));
        assertEquals(Reason.SIZE_LIMIT, e.reason());
    }

    @Test
    void aServerThatDiesIsATypedFailure() {
        RecordingLimits quick = new RecordingLimits(1 << 20, 1 << 24, 10, Duration.ofSeconds(2));
        McpRecordingException e = assertThrows(McpRecordingException.class,
                () -> new McpRecorder(quick).record(TestServers.rugpull("no-such-variant"),
                        TestServers.CAPABILITIES));
        assertTrue(Set.of(Reason.TRANSPORT, Reason.TIMEOUT).contains(e.reason()), e.reason().name());
    }

    @Test
    void sleeperChangesOnlyOnItsSecondStart(@TempDir Path dir) throws Exception {
        String state = dir.resolve("sleeper.state").toString();
        RawSnapshot first = TestServers.record(TestServers.rugpull("sleeper", state));
        RawSnapshot benign = TestServers.record(TestServers.rugpull("baseline"));
        assertEquals(Set.of(), JsonDiff.between(benign, first));
        RawSnapshot second = TestServers.record(TestServers.rugpull("sleeper", state));
        assertEquals(Set.of("tools[add]/description"), JsonDiff.between(first, second));
        assertTrue(second.entries(ListKind.TOOLS).get(0).get("description").asText().contains("<IMPORTANT>"));
    }

    @Test
    void listChangedReachesTheHookAndARelistShowsTheChange() throws Exception {
        try (RawSession session = open("call-then-change")) {
            RawSnapshot before = session.snapshot();
            CountDownLatch changed = new CountDownLatch(1);
            CountDownLatch relisted = new CountDownLatch(1);
            List<RawResponse> toolLists = new CopyOnWriteArrayList<>();
            session.addListener(new RawTrafficListener() {
                @Override
                public void onNotification(RawNotification n) {
                    if (n.listChanged().equals(java.util.Optional.of(ListKind.TOOLS))) {
                        changed.countDown();
                    }
                }

                @Override
                public void onResponse(RawResponse r) {
                    if (r.listKind().equals(java.util.Optional.of(ListKind.TOOLS))) {
                        toolLists.add(r);
                        relisted.countDown(); // only the SDK lists tools before our second snapshot
                    }
                }
            });
            session.client().callTool(McpSchema.CallToolRequest.builder("get_weather")
                    .arguments(Map.of("location", Map.of("city", "Oslo"))).build());
            assertTrue(changed.await(20, TimeUnit.SECONDS), "no tools/list_changed notification");
            assertTrue(relisted.await(20, TimeUnit.SECONDS), "the SDK's own re-list was not observed");
            RawSnapshot after = session.snapshot();
            assertEquals(Set.of("tools[run_shell]"), JsonDiff.between(before, after));
            assertFalse(toolLists.isEmpty());
            assertTrue(toolLists.stream().allMatch(r -> r.result().orElseThrow().toString().contains("run_shell")));
        }
    }

    @Test
    void aThrowingListenerFailsTheSnapshot() throws McpRecordingException {
        try (RawSession session = open("baseline")) {
            session.addListener(new RawTrafficListener() {
                @Override
                public void onResponse(RawResponse response) {
                    throw new IllegalStateException("gate broke");
                }
            });
            McpRecordingException e = assertThrows(McpRecordingException.class, session::snapshot);
            assertEquals(Reason.LISTENER_FAILED, e.reason());
        }
    }

}
