package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toolseal.verifier.gate.GateRefusedException.Refusal;
import dev.toolseal.verifier.gate.PinnedManifestVerifier.Policy;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.mcp.McpEndpoint;
import dev.toolseal.verifier.mcp.RecordingLimits;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The hostile-server corpus (issue 11, docs/design/boundary.md, {@code hostile-server.mjs})
 * through {@link GatedMcpClient} with the baseline pinned: what a Java caller is handed (the
 * listed tools, call results, and the message of every {@link GateRefusedException} or other
 * failure) never contains {@code CANARY}, the marker of every string a scenario says beyond its
 * baseline; and where the scenario determines it, the listed tools and refusals are exact.
 */
class HostileCorpusGateTest {
    static final String CANARY = "CANARY";
    static final ServerRef HOSTILE = new ServerRef("io.github.toolseal/hostile-test", "1.0.0");
    /** Short enough that a lost answer costs seconds, long enough for a loaded machine. */
    static final RecordingLimits LIMITS = limits(Duration.ofSeconds(5));

    private static ToolManifest baseline;

    /** What the caller must see, where the scenario determines it. */
    enum Expect {
        /** Both tools listed, both calls answered. */
        ACCEPTED,
        /** Only {@code echo} listed; {@code add} refused as {@code NOT_VERIFIED}. */
        QUARANTINED,
        /** Everything refused as {@code SERVER_REJECTED}. */
        REJECTED,
        /** No marker reaches the caller; the verdict is not asserted. */
        ANY
    }

    static RecordingLimits limits(Duration requestTimeout) {
        RecordingLimits d = RecordingLimits.DEFAULT;
        return new RecordingLimits(d.maxMessageChars(), d.maxTotalChars(), d.maxPages(), requestTimeout);
    }

    static McpEndpoint.Stdio hostile(String scenario, String... flags) {
        List<String> args = new ArrayList<>(List.of(GateServers.root().resolve("hostile-server.mjs").toString(),
                scenario));
        args.addAll(List.of(flags));
        return new McpEndpoint.Stdio("node", args, Map.of());
    }

    @BeforeAll
    static void pinTheBaseline() throws Exception {
        baseline = GateServers.pin(hostile("baseline"), HOSTILE);
    }

    /**
     * The scenarios, with the gate's policy. Forged, duplicate and stray messages are the SDK
     * client's to drop in the gate, so those are {@code ANY}: only the marker is checked.
     */
    static Stream<Arguments> scenarios() {
        Policy quarantine = Policy.QUARANTINE_CHANGED;
        Policy reject = Policy.REJECT_SERVER;
        List<Arguments> all = new ArrayList<>(List.of(
                Arguments.of("baseline", Expect.ACCEPTED, quarantine),
                Arguments.of("silent-change", Expect.ACCEPTED, quarantine),
                Arguments.of("guard-id-late", Expect.REJECTED, quarantine),
                Arguments.of("instructions-changed", Expect.REJECTED, quarantine),
                Arguments.of("server-info-changed", Expect.REJECTED, quarantine),
                Arguments.of("capabilities-changed", Expect.REJECTED, quarantine),
                Arguments.of("protocol-version-changed", Expect.REJECTED, quarantine),
                Arguments.of("initialize-extra-member", Expect.REJECTED, quarantine),
                Arguments.of("sampling-while-quarantined", Expect.QUARANTINED, quarantine),
                Arguments.of("elicitation-while-quarantined", Expect.QUARANTINED, quarantine),
                Arguments.of("logging-while-quarantined", Expect.QUARANTINED, quarantine),
                Arguments.of("roots-while-quarantined", Expect.QUARANTINED, quarantine),
                Arguments.of("resource-updated-while-quarantined", Expect.QUARANTINED, quarantine),
                Arguments.of("changed-description-refusal", Expect.QUARANTINED, quarantine),
                Arguments.of("sampling-while-rejected", Expect.REJECTED, reject),
                Arguments.of("elicitation-while-rejected", Expect.REJECTED, reject),
                Arguments.of("logging-while-rejected", Expect.REJECTED, reject),
                Arguments.of("changed-description-reject-server", Expect.REJECTED, reject)));
        for (String scenario : List.of("forge-after-initialize", "forge-predictable-ids", "forge-string-ids",
                "forge-during-verification", "forge-during-reverification", "forge-guard-like-id",
                "duplicate-response", "duplicate-identical-response", "late-duplicate-response",
                "duplicate-initialize-response", "batch-forged-and-real", "null-id-response", "guard-id-twice", "list-changed-storm",
                "unknown-notification", "progress-unknown-token", "cancelled-unknown", "server-ping-request",
                "oversized-message", "invalid-utf8")) {
            all.add(Arguments.of(scenario, Expect.ANY, quarantine));
        }
        return all.stream();
    }

    /** What the caller was handed, as text, and the refusals. */
    private record Seen(List<String> texts, List<String> listed, String echoed, Exception listFailure,
            Exception addFailure) {
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scenarios")
    void noMarkedTextReachesTheCaller(String scenario, Expect expect, Policy policy) throws Exception {
        check(hostile(scenario), baseline, scenario, expect, policy);
    }

    /**
     * Runs {@code scenario} at {@code endpoint} through the Java gate against {@code pinned} and
     * checks what the caller was handed: never the marker, and exactly {@code expect}.
     */
    static void check(McpEndpoint.Stdio endpoint, ToolManifest pinned, String scenario, Expect expect,
            Policy policy) throws Exception {
        RecordingLimits limits = scenario.equals("guard-id-late") ? limits(Duration.ofSeconds(1)) : LIMITS;
        Seen seen;
        try (GatedMcpClient gate = GatedMcpClient.connect(endpoint, HOSTILE,
                new PinnedManifestVerifier(pinned, policy), GateServers.CAPABILITIES, limits)) {
            seen = use(gate);
        }
        for (String text : seen.texts()) {
            assertFalse(text.contains(CANARY), () -> scenario + ": the caller was handed server text: "
                    + (text.length() > 600 ? text.substring(0, 600) + "..." : text));
        }
        switch (expect) {
            case ACCEPTED -> {
                assertEquals(List.of("echo", "add"), seen.listed(), scenario);
                assertEquals("hello", seen.echoed(), scenario);
                assertEquals(null, seen.addFailure(), scenario);
            }
            case QUARANTINED -> {
                assertEquals(List.of("echo"), seen.listed(), scenario);
                assertEquals("hello", seen.echoed(), scenario);
                assertEquals(Refusal.NOT_VERIFIED, refusal(scenario, seen.addFailure()));
            }
            case REJECTED -> {
                assertEquals(Refusal.SERVER_REJECTED, refusal(scenario, seen.listFailure()));
                assertEquals(Refusal.SERVER_REJECTED, refusal(scenario, seen.addFailure()));
            }
            case ANY -> {
                // the marker only
            }
        }
    }

    private static Refusal refusal(String scenario, Exception e) {
        return assertThrows(GateRefusedException.class, () -> {
            if (e != null) {
                throw e;
            }
        }, scenario).refusal();
    }

    /** Lists twice and calls both tools; everything handed back, refusals included, as text. */
    private static Seen use(GatedMcpClient gate) {
        List<String> texts = new ArrayList<>();
        List<String> listed = null;
        Exception listFailure = null;
        Exception addFailure = null;
        String echoed = null;
        for (int round = 0; round < 2; round++) {
            try {
                List<McpSchema.Tool> tools = gate.listTools();
                texts.add(tools.toString());
                listed = tools.stream().map(McpSchema.Tool::name).toList();
            } catch (GateRefusedException | RuntimeException e) {
                texts.add(String.valueOf(e.getMessage()));
                listFailure = e;
            }
        }
        for (Map.Entry<String, Map<String, Object>> call : List.of(
                Map.entry("echo", Map.<String, Object>of("message", "hello")),
                Map.entry("add", Map.<String, Object>of("a", 2, "b", 3)))) {
            try {
                McpSchema.CallToolResult result = gate.callTool(call.getKey(), call.getValue());
                texts.add(result.toString());
                if (call.getKey().equals("echo") && !result.content().isEmpty()
                        && result.content().get(0) instanceof McpSchema.TextContent text) {
                    echoed = text.text();
                }
            } catch (GateRefusedException | RuntimeException e) {
                texts.add(String.valueOf(e.getMessage()));
                if (call.getKey().equals("add")) {
                    addFailure = e;
                }
            }
        }
        return new Seen(texts, listed, echoed, listFailure, addFailure);
    }
}
