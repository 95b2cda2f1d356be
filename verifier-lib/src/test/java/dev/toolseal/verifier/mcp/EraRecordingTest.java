package dev.toolseal.verifier.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolseal.verifier.manifest.Era;
import dev.toolseal.verifier.mcp.McpRecordingException.Reason;
import io.modelcontextprotocol.json.McpJsonDefaults;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The era probe and the modern recording loop of {@link McpRecorder} (docs/design/eras.md,
 * section 1): scripted servers that answer the probe in hostile ways ({@code probe-server.mjs}),
 * then the 2026-07-28 fixture ({@code era-server.mjs}) over stdio and HTTP, dual-era and
 * modern-only, and a legacy v1 server that must be recorded as before.
 */
class EraRecordingTest {
    private static final String MODERN = "2026-07-28";
    private static final String SERVER_INFO = "io.modelcontextprotocol/serverInfo";
    private static final RecordingLimits QUICK_PROBE =
            TestServers.LIMITS.withProbeTimeout(Duration.ofSeconds(1));

    // ---- hostile probes (probe-server.mjs) ----

    @Test
    void aDiscoverAnswerThatIsNotADiscoverResultIsRefusedNotTakenForLegacy(@TempDir Path dir) {
        Path log = dir.resolve("log");
        McpRecordingException e = assertThrows(McpRecordingException.class,
                () -> record(probeServer("not-discover", log)));
        assertEquals(Reason.PROTOCOL, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("server/discover"), e.getMessage());
    }

    @Test
    void aServerSilentOnDiscoverIsRecordedLegacyOnTheSameProcess(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log");
        RawSnapshot snapshot = new McpRecorder(QUICK_PROBE)
                .record(probeServer("silent", log), TestServers.CAPABILITIES);
        assertEquals(Era.LEGACY, snapshot.era());
        assertEquals("toolseal-probe-fixture",
                snapshot.initializeResult().path("serverInfo").path("name").asText());
        assertEquals(Set.of("echo"), names(snapshot.entries(ListKind.TOOLS)));
        assertEquals(List.of("start", "server/discover", "initialize", "notifications/initialized",
                "tools/list"), Files.readAllLines(log));
    }

    /**
     * A modern-only server slower to start than the probe waits is taken for legacy at first;
     * it refuses initialize as an unsupported version, so it is asked again, and recorded
     * modern on the same process.
     */
    @Test
    void aModernServerTooSlowForTheProbeIsAskedAgainAfterItRefusesInitialize(@TempDir Path dir)
            throws Exception {
        Path log = dir.resolve("log");
        RawSnapshot snapshot = new McpRecorder(QUICK_PROBE)
                .record(probeServer("slow-start", log), TestServers.CAPABILITIES);
        assertEquals(Era.MODERN, snapshot.era());
        assertEquals(Set.of("echo"), names(snapshot.entries(ListKind.TOOLS)));
        List<String> seen = Files.readAllLines(log);
        assertEquals(1, seen.stream().filter("start"::equals).count(), seen::toString);
        assertEquals(List.of("start", "server/discover", "initialize"), seen.subList(0, 3));
    }

    @Test
    void anUnsupportedVersionIsRetriedOnceWithOneTheServerNames(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log");
        RawSnapshot snapshot = new McpRecorder(TestServers.LIMITS, List.of("2027-01-01", MODERN))
                .record(probeServer("version-retry", log), TestServers.CAPABILITIES);
        assertEquals(Era.MODERN, snapshot.era());
        assertEquals(MODERN, snapshot.protocolVersion());
        assertEquals(Set.of("echo"), names(snapshot.entries(ListKind.TOOLS)));
        assertEquals(List.of("start", "server/discover", "server/discover", "tools/list"),
                Files.readAllLines(log));
    }

    @Test
    void aModernOnlyServerRefusingInitializeIsRecordedModernOnTheSameProcess(@TempDir Path dir)
            throws Exception {
        Path log = dir.resolve("log");
        RawSnapshot snapshot = new McpRecorder(TestServers.LIMITS)
                .record(probeServer("version-retry", log), TestServers.CAPABILITIES, Era.LEGACY);
        assertEquals(Era.MODERN, snapshot.era());
        assertEquals(Set.of("echo"), names(snapshot.entries(ListKind.TOOLS)));
        assertEquals(List.of("start", "initialize", "server/discover", "tools/list"),
                Files.readAllLines(log));
    }

    @Test
    void noCommonVersionIsAFailure(@TempDir Path dir) {
        Path log = dir.resolve("log");
        McpRecordingException e = assertThrows(McpRecordingException.class,
                () -> new McpRecorder(TestServers.LIMITS, List.of("2027-01-01"))
                        .record(probeServer("version-retry", log), TestServers.CAPABILITIES));
        assertEquals(Reason.SERVER_ERROR, e.reason(), e.getMessage());
        assertTrue(e.getMessage().contains("no common"), e.getMessage());
        assertTrue(e.evidence().contains("-32022"), e.evidence());
    }

    @Test
    void aDuplicateMemberInTheDiscoverAnswerIsRefused(@TempDir Path dir) {
        McpRecordingException e = assertThrows(McpRecordingException.class,
                () -> record(probeServer("duplicate-key", dir.resolve("log"))));
        assertEquals(Reason.MALFORMED_JSON, e.reason(), e.getMessage());
    }

    @Test
    void aModernListResultThatIsNotAnObjectIsRefused(@TempDir Path dir) {
        McpRecordingException e = assertThrows(McpRecordingException.class,
                () -> record(probeServer("bad-page", dir.resolve("log"))));
        assertEquals(Reason.PROTOCOL, e.reason(), e.getMessage());
    }

    @Test
    void aDiscoverAnswerOverHttpThatIsNotADiscoverResultIsRefused(@TempDir Path dir) throws Exception {
        try (RawModernClient.Http server = http("probe-server.mjs", "http-not-discover", log(dir))) {
            McpRecordingException e = assertThrows(McpRecordingException.class,
                    () -> record(server.mcpEndpoint()));
            assertEquals(Reason.PROTOCOL, e.reason(), e.getMessage());
        }
    }

    @Test
    void aDuplicateMemberInAnHttpAnswerIsRefused(@TempDir Path dir) throws Exception {
        try (RawModernClient.Http server = http("probe-server.mjs", "http-duplicate-key", log(dir))) {
            McpRecordingException e = assertThrows(McpRecordingException.class,
                    () -> record(server.mcpEndpoint()));
            assertEquals(Reason.MALFORMED_JSON, e.reason(), e.getMessage());
        }
    }

    @Test
    void anEventStreamAnswerIsTheEventThatAnswersOurRequest(@TempDir Path dir) throws Exception {
        Path log = dir.resolve("log");
        try (RawModernClient.Http server = http("probe-server.mjs", "http-sse", log.toString())) {
            RawSnapshot snapshot = record(server.mcpEndpoint());
            assertEquals(Era.MODERN, snapshot.era());
            assertEquals("probe", snapshot.discoverResult().path("instructions").asText());
            assertEquals(Set.of("echo"), names(snapshot.entries(ListKind.TOOLS)));
        }
        assertEquals(List.of("start", "server/discover server/discover", "tools/list tools/list"),
                Files.readAllLines(log), "the Mcp-Method header names the body's method");
    }

    @Test
    void aRealModernServerIsRetriedAtTheVersionItNames() throws Exception {
        McpRecorder future = new McpRecorder(TestServers.LIMITS, List.of("2027-01-01", MODERN));
        assertModernFixture(future.record(eraStdio("--modern-only"), TestServers.CAPABILITIES));
        try (RawModernClient.Http server = http("era-server.mjs", "http", "0", "--modern-only")) {
            assertModernFixture(future.record(server.mcpEndpoint(), TestServers.CAPABILITIES));
        }
    }

    // ---- the 2026-07-28 fixture (era-server.mjs) ----

    @Test
    void aDualEraStdioServerWithoutReferenceIsRecordedModern() throws Exception {
        RawSnapshot snapshot = record(eraStdio());
        assertModernFixture(snapshot);
        JsonNode expected = new ObjectMapper().readTree(
                McpJsonDefaults.getMapper().writeValueAsString(TestServers.CAPABILITIES));
        assertEquals(expected, snapshot.clientCapabilities());
    }

    @Test
    void aModernOnlyStdioServerIsRecordedModern() throws Exception {
        assertModernFixture(record(eraStdio("--modern-only")));
    }

    @Test
    void aModernOnlyStdioServerIsRecordedModernEvenWhenTheReferenceIsLegacy() throws Exception {
        RawSnapshot snapshot = new McpRecorder(TestServers.LIMITS)
                .record(eraStdio("--modern-only"), TestServers.CAPABILITIES, Era.LEGACY);
        assertModernFixture(snapshot);
    }

    @Test
    void aDualEraServerIsRecordedLegacyWhenTheReferenceIsLegacy() throws Exception {
        RawSnapshot legacy = new McpRecorder(TestServers.LIMITS)
                .record(eraStdio(), TestServers.CAPABILITIES, Era.LEGACY);
        assertEquals(Era.LEGACY, legacy.era());
        assertEquals("2025-11-25", legacy.protocolVersion());
        assertEquals("toolseal-era-fixture",
                legacy.initializeResult().path("serverInfo").path("name").asText());
        assertEquals(Set.of("echo", "add", "distance"), names(legacy.entries(ListKind.TOOLS)));
        RawSnapshot modern = new McpRecorder(TestServers.LIMITS)
                .record(eraStdio(), TestServers.CAPABILITIES, Era.MODERN);
        assertEquals(Era.MODERN, modern.era());
        assertEquals(legacy.clientCapabilities(), modern.clientCapabilities(),
                "both eras send the capabilities serialized the same way");
    }

    @Test
    void aDualEraHttpServerIsRecordedModernAndAsOverStdio() throws Exception {
        try (RawModernClient.Http server = http("era-server.mjs", "http", "0")) {
            RawSnapshot http = record(server.mcpEndpoint());
            assertModernFixture(http);
            RawSnapshot stdio = record(eraStdio());
            assertEquals(stdio.discoverResult(), http.discoverResult());
            assertEquals(stdio.pages(), http.pages());
        }
    }

    @Test
    void aModernOnlyHttpServerIsRecordedModern() throws Exception {
        try (RawModernClient.Http server = http("era-server.mjs", "http", "0", "--modern-only")) {
            assertModernFixture(record(server.mcpEndpoint()));
            assertModernFixture(new McpRecorder(TestServers.LIMITS)
                    .record(server.mcpEndpoint(), TestServers.CAPABILITIES, Era.LEGACY));
        }
    }

    @Test
    void aDualEraHttpServerIsRecordedLegacyWhenTheReferenceIsLegacy() throws Exception {
        try (RawModernClient.Http server = http("era-server.mjs", "http", "0")) {
            RawSnapshot legacy = new McpRecorder(TestServers.LIMITS)
                    .record(server.mcpEndpoint(), TestServers.CAPABILITIES, Era.LEGACY);
            assertEquals(Era.LEGACY, legacy.era());
            assertEquals(Set.of("echo", "add", "distance"), names(legacy.entries(ListKind.TOOLS)));
        }
    }

    // ---- legacy servers ----

    @Test
    void aLegacyServerIsRecordedExactlyAsBefore() throws Exception {
        RawSnapshot before;
        try (RawSession session = RawSession.open(TestServers.rugpull("baseline"), TestServers.CAPABILITIES,
                TestServers.LIMITS)) {
            before = session.snapshot();
        }
        RawSnapshot now = record(TestServers.rugpull("baseline"));
        assertEquals(Era.LEGACY, now.era());
        assertEquals(before, now);
        assertEquals(before.initializeResult(), now.initializeResult());
        RawSnapshot legacyFirst = new McpRecorder(TestServers.LIMITS)
                .record(TestServers.rugpull("baseline"), TestServers.CAPABILITIES, Era.LEGACY);
        assertEquals(before, legacyFirst);
    }

    // ---- helpers ----

    private static RawSnapshot record(McpEndpoint endpoint) throws McpRecordingException {
        return new McpRecorder(TestServers.LIMITS).record(endpoint, TestServers.CAPABILITIES);
    }

    private static void assertModernFixture(RawSnapshot snapshot) {
        assertEquals(Era.MODERN, snapshot.era());
        assertEquals(MODERN, snapshot.protocolVersion());
        JsonNode discover = snapshot.discoverResult();
        assertEquals(MODERN, discover.path("supportedVersions").path(0).asText());
        assertEquals("Fixture for era tests.", discover.path("instructions").asText());
        assertEquals("complete", discover.path("resultType").asText(), "kept whole");
        assertTrue(discover.has("ttlMs") && discover.has("cacheScope"), discover.toString());
        assertEquals("toolseal-era-fixture", discover.path("_meta").path(SERVER_INFO).path("name").asText());
        assertEquals(Set.of("echo", "add", "distance"), names(snapshot.entries(ListKind.TOOLS)));
        assertEquals(Set.of("greet"), names(snapshot.entries(ListKind.PROMPTS)));
        assertEquals("fixture://notes", snapshot.entries(ListKind.RESOURCES).get(0).path("uri").asText());
        JsonNode toolsPage = snapshot.pages().get(ListKind.TOOLS).get(0);
        assertEquals("complete", toolsPage.path("resultType").asText(), "list results are kept whole");
        assertEquals(discover.path("_meta").path(SERVER_INFO), toolsPage.path("_meta").path(SERVER_INFO));
        assertFalse(snapshot.clientCapabilities().isMissingNode());
    }

    private static Set<String> names(List<JsonNode> entries) {
        Set<String> names = new TreeSet<>();
        entries.forEach(entry -> names.add(entry.path("name").asText()));
        return names;
    }

    private static Path fixtures() {
        Path root = Path.of(System.getProperty("toolseal.test.mcpServers2026", "src/test/mcp-servers-2026"))
                .toAbsolutePath();
        if (!Files.isDirectory(root.resolve("node_modules/@modelcontextprotocol/server"))) {
            throw new IllegalStateException("the 2026-era fixture is not installed under " + root
                    + "; the Maven build runs npm ci in generate-test-resources");
        }
        return root;
    }

    private static String log(Path dir) {
        return dir.resolve("log").toString();
    }

    private static McpEndpoint.Stdio probeServer(String scenario, Path log) {
        return new McpEndpoint.Stdio("node",
                List.of(fixtures().resolve("probe-server.mjs").toString(), scenario, log.toString()),
                Map.of());
    }

    private static McpEndpoint.Stdio eraStdio(String... flags) {
        List<String> args = new ArrayList<>(
                List.of(fixtures().resolve("era-server.mjs").toString(), "stdio"));
        args.addAll(List.of(flags));
        return new McpEndpoint.Stdio("node", args, Map.of());
    }

    /** A fixture script on streamable HTTP ({@code node <script> args...}). */
    private static RawModernClient.Http http(String script, String... args) throws Exception {
        return RawModernClient.Http.launch(fixtures().resolve(script), Map.of(), List.of(args));
    }
}
