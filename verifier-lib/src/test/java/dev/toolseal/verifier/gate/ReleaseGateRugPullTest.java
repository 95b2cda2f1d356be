package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.toolseal.verifier.gate.GateRefusedException.Refusal;
import dev.toolseal.verifier.gate.GateReason.Kind;
import dev.toolseal.verifier.gate.GateRugPullTest.Fact;
import dev.toolseal.verifier.log.MemoryCheckpointStore;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.verification.OfflineEvidenceFiles;
import dev.toolseal.verifier.verification.VerificationPolicy.MismatchAction;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The full chain end to end: the baseline rug-pull server is recorded, its manifest signed as a
 * release by a publisher whose key is bound in a real Merkle log, reviewed PASSED by an
 * assessor, everything logged, written as offline bundle files and read back; then every variant
 * of the server runs through a {@link GatedMcpClient} whose verifier is a
 * {@link ReleaseManifestVerifier} over those files. Same variant table as {@link GateRugPullTest}.
 */
class ReleaseGateRugPullTest {
    private static final Map<String, Object> TWO_PLUS_THREE = Map.of("a", 2, "b", 3);

    @TempDir
    static Path dir;
    private static ReleaseChain chain;
    private static OfflineEvidenceFiles baselineEvidence;
    private static final Map<String, Future<GateRugPullTest.Outcome>> OUTCOMES = new ConcurrentHashMap<>();
    private static ExecutorService pool;

    @BeforeAll
    static void signTheBaselineAndRunEveryVariant() throws Exception {
        chain = new ReleaseChain(namespace());
        ToolManifest baseline = GateServers.pin(GateServers.rugpull("baseline", dir.resolve("pin.log")),
                GateServers.RUGPULL);
        baselineEvidence = chain.reviewedRelease(dir.resolve("baseline-evidence"), baseline);
        pool = Executors.newFixedThreadPool(4);
        Stream.concat(GateRugPullTest.rugPulls(), GateRugPullTest.benign()).map(a -> (String) a.get()[0])
                .forEach(variant -> OUTCOMES.put(variant, pool.submit(() -> run(variant))));
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    static String namespace() {
        return GateServers.RUGPULL.name().substring(0, GateServers.RUGPULL.name().indexOf('/'));
    }

    private static ReleaseManifestVerifier verifier(OfflineEvidenceFiles evidence) {
        return new ReleaseManifestVerifier(evidence, chain.policy(), new MemoryCheckpointStore());
    }

    private static GateRugPullTest.Outcome run(String variant) throws Exception {
        Path log = dir.resolve(variant + ".calls");
        try (GatedMcpClient gate = GateServers.gate(GateServers.rugpull(variant, log), verifier(baselineEvidence))) {
            Verdict verdict = gate.verdict();
            List<String> listed = null;
            GateRefusedException refusal = null;
            try {
                listed = gate.listTools().stream().map(McpSchema.Tool::name).toList();
            } catch (GateRefusedException e) {
                refusal = e;
            }
            try {
                gate.callTool("add", TWO_PLUS_THREE);
            } catch (GateRefusedException e) {
                // expected for rejected servers; the call log shows whether anything went out
            }
            return new GateRugPullTest.Outcome(verdict, listed, refusal, GateServers.calls(log));
        }
    }

    private static GateRugPullTest.Outcome outcome(String variant) throws Exception {
        try {
            return OUTCOMES.get(variant).get();
        } catch (ExecutionException e) {
            throw new AssertionError(variant + " failed", e.getCause());
        }
    }

    static Stream<Arguments> rugPulls() {
        return GateRugPullTest.rugPulls();
    }

    static Stream<Arguments> benign() {
        return GateRugPullTest.benign();
    }

    private static Set<Fact> facts(List<GateReason> reasons) {
        return reasons.stream().map(Fact::of).collect(Collectors.toSet());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rugPulls")
    void rugPullAgainstTheSignedReleaseRejectsTheServer(String variant, Set<Fact> expected) throws Exception {
        GateRugPullTest.Outcome outcome = outcome(variant);
        assertInstanceOf(Decision.RejectServer.class, outcome.verdict().decision());
        assertEquals(expected, facts(outcome.verdict().reasons()));
        for (GateReason reason : outcome.verdict().reasons()) {
            assertTrue(reason.text().contains(GateServers.RUGPULL.name() + "@" + GateServers.RUGPULL.version()));
            assertTrue(reason.text().contains(chain.publisher.keyId().hex()), reason.text());
        }
        assertEquals(Refusal.SERVER_REJECTED, outcome.refusal().refusal());
        assertTrue(outcome.verdict().tools().isEmpty());
        assertEquals(List.of(), outcome.calls(), "a call to a rejected server reached it");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benign")
    void benignVariantMatchesTheSignedRelease(String variant) throws Exception {
        GateRugPullTest.Outcome outcome = outcome(variant);
        assertInstanceOf(Decision.AcceptAll.class, outcome.verdict().decision());
        assertEquals(Set.of("add", "get_weather"), Set.copyOf(outcome.listed()));
        assertEquals(List.of("add"), outcome.calls());
    }

    @Test
    void theBaselineIsAcceptedAndARealCallReturnsItsResult() throws Exception {
        Path log = dir.resolve("baseline-call.calls");
        try (GatedMcpClient gate = GateServers.gate(GateServers.rugpull("baseline", log), verifier(baselineEvidence))) {
            assertInstanceOf(Decision.AcceptAll.class, gate.verdict().decision());
            McpSchema.CallToolResult sum = gate.callTool("add", TWO_PLUS_THREE);
            assertEquals(Map.of("sum", 5), sum.structuredContent());
            assertEquals("5", ((McpSchema.TextContent) sum.content().get(0)).text());
        }
        assertEquals(List.of("add"), GateServers.calls(log));
    }

    @Test
    void theAppendedInstructionIsShownWithTheReleaseAndItsPublisher() throws Exception {
        GateReason reason = outcome("description-appended").verdict().reasons().get(0);
        assertTrue(reason.text().contains("<IMPORTANT>"), reason.text());
        assertTrue(reason.text().contains(chain.publisher.keyId().hex()), reason.text());
        assertEquals(Optional.empty(), reason.failure());
    }

    @Test
    void underQuarantineOnlyTheChangedToolIsHiddenAndTheOtherIsCalled() throws Exception {
        Path log = dir.resolve("quarantine.calls");
        ReleaseManifestVerifier quarantine = new ReleaseManifestVerifier(baselineEvidence,
                chain.policy(MismatchAction.QUARANTINE_CHANGED), new MemoryCheckpointStore());
        try (GatedMcpClient gate = GateServers.gate(GateServers.rugpull("description-appended", log), quarantine)) {
            assertInstanceOf(Decision.AcceptOnly.class, gate.verdict().decision());
            assertEquals(List.of("get_weather"), gate.listTools().stream().map(McpSchema.Tool::name).toList());
            GateRefusedException e = assertThrows(GateRefusedException.class,
                    () -> gate.callTool("add", TWO_PLUS_THREE));
            assertEquals(Refusal.NOT_VERIFIED, e.refusal());
            assertEquals(Set.of(new Fact("tool:add", Kind.CHANGED, Set.of("/description"), "")), facts(e.reasons()));
            gate.callTool("get_weather", Map.of("location", Map.of("city", "Oslo")));
        }
        assertEquals(List.of("get_weather"), GateServers.calls(log));
        try (GatedMcpClient gate = GateServers.gate(GateServers.rugpull("instructions-changed",
                dir.resolve("quarantine-instructions.calls")), quarantine)) {
            assertInstanceOf(Decision.RejectServer.class, gate.verdict().decision());
            assertEquals(Set.of(new Fact("server:instructions", Kind.CHANGED, Set.of(""), "")),
                    facts(gate.verdict().reasons()));
        }
    }

    @Test
    void aSleeperIsCaughtOnRestart() throws Exception {
        Path log = dir.resolve("sleeper.calls");
        String state = dir.resolve("sleeper.state").toString();
        try (GatedMcpClient gate = GateServers.gate(GateServers.rugpull("sleeper", log, state),
                verifier(baselineEvidence))) {
            assertInstanceOf(Decision.AcceptAll.class, gate.verdict().decision());
            assertEquals(Map.of("sum", 5), gate.callTool("add", TWO_PLUS_THREE).structuredContent());
            gate.restart();
            assertInstanceOf(Decision.RejectServer.class, gate.verdict().decision());
            assertEquals(Set.of(new Fact("tool:add", Kind.CHANGED, Set.of("/description"), "")),
                    facts(gate.verdict().reasons()));
            assertEquals(Refusal.SERVER_REJECTED,
                    assertThrows(GateRefusedException.class, () -> gate.callTool("add", TWO_PLUS_THREE)).refusal());
        }
        assertEquals(List.of("add"), GateServers.calls(log));
    }

    @Test
    void aToolAddedAfterTheFirstCallAndAnnouncedIsCaught() throws Exception {
        ToolManifest before = GateServers.pin(GateServers.rugpull("call-then-change", dir.resolve("pin-ctc.log")),
                GateServers.RUGPULL);
        OfflineEvidenceFiles evidence = chain.reviewedRelease(dir.resolve("ctc-evidence"), before);
        Path log = dir.resolve("call-then-change.calls");
        try (GatedMcpClient gate = GateServers.gate(GateServers.rugpull("call-then-change", log),
                verifier(evidence))) {
            Verdict first = gate.verdict();
            assertInstanceOf(Decision.AcceptAll.class, first.decision());
            assertEquals(Map.of("sum", 5), gate.callTool("add", TWO_PLUS_THREE).structuredContent());
            Verdict after = awaitNewer(gate, first);
            assertInstanceOf(Decision.RejectServer.class, after.decision());
            assertEquals(Set.of(new Fact("tool:run_shell", Kind.ADDED, Set.of(), "")), facts(after.reasons()));
            assertEquals(Refusal.SERVER_REJECTED, assertThrows(GateRefusedException.class,
                    () -> gate.callTool("run_shell", Map.of("cmd", "id"))).refusal());
        }
        assertEquals(List.of("add"), GateServers.calls(log));
    }

    /** Waits (bounded) until a verification newer than {@code old} is in force. */
    static Verdict awaitNewer(GatedMcpClient gate, Verdict old) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (System.nanoTime() < deadline) {
            Optional<Verdict> now = gate.currentVerdict();
            if (now.isPresent() && now.get().generation() > old.generation()) {
                return now.get();
            }
            Thread.sleep(20);
        }
        return fail("no re-verification after list_changed");
    }
}
