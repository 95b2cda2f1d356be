package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.verifier.VerificationException;
import dev.toolseal.verifier.attest.Review;
import dev.toolseal.verifier.bundle.InclusionException;
import dev.toolseal.verifier.bundle.OfflineBundle;
import dev.toolseal.verifier.gate.GateRefusedException.Refusal;
import dev.toolseal.verifier.gate.GateReason.Kind;
import dev.toolseal.verifier.log.CheckpointStore;
import dev.toolseal.verifier.log.LogForkException;
import dev.toolseal.verifier.log.MemoryCheckpointStore;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.verification.KeyRevokedException;
import dev.toolseal.verifier.verification.OfflineEvidenceFiles;
import dev.toolseal.verifier.verification.ReviewRejectedException;
import dev.toolseal.verifier.verification.SignatureRejectedException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real baseline server, unchanged, behind a gate whose release evidence is broken in one
 * link of the signed chain each time (written as bundle files and read back): the server is
 * rejected, nothing is callable or listed, no call reaches it, and the one reason carries the
 * typed failure that names what broke.
 */
class ReleaseGateChainFailureTest {
    @TempDir
    static Path dir;
    private static ReleaseChain chain;
    private static final Map<String, Future<Outcome>> OUTCOMES = new ConcurrentHashMap<>();
    private static ExecutorService pool;

    /** How one gated session with broken evidence ended. */
    record Outcome(Verdict verdict, GateRefusedException listRefusal, GateRefusedException callRefusal,
            List<Refusal> promptAndResource, List<String> calls) {
    }

    @BeforeAll
    static void breakTheChainInEveryWay() throws Exception {
        chain = new ReleaseChain(ReleaseGateRugPullTest.namespace());
        ToolManifest baseline = GateServers.pin(GateServers.rugpull("baseline", dir.resolve("pin.log")),
                GateServers.RUGPULL);
        pool = Executors.newFixedThreadPool(4);

        OfflineBundle forged = chain.forgedRelease(baseline);
        start("forged-signature", chain.write(dir.resolve("forged"), forged,
                List.of(chain.review(forged, chain.assessor, Review.Result.PASSED)), List.of(chain.binding), false),
                new MemoryCheckpointStore());

        OfflineBundle intruded = chain.release(baseline, chain.intruder);
        start("wrong-publisher-key", chain.write(dir.resolve("intruder"), intruded,
                List.of(chain.review(intruded, chain.assessor, Review.Result.PASSED)), List.of(chain.binding), false),
                new MemoryCheckpointStore());

        OfflineBundle release = chain.release(baseline, chain.publisher);
        OfflineBundle passed = chain.review(release, chain.assessor, Review.Result.PASSED);
        start("revoked-key", chain.write(dir.resolve("revoked"), release, List.of(passed),
                List.of(chain.binding, chain.publisherRevoked()), false), new MemoryCheckpointStore());
        start("missing-review", chain.write(dir.resolve("unreviewed"), release, List.of(), List.of(chain.binding),
                false), new MemoryCheckpointStore());
        start("failed-review", chain.write(dir.resolve("failed"), release,
                List.of(passed, chain.review(release, chain.critic, Review.Result.FAILED)), List.of(chain.binding),
                false), new MemoryCheckpointStore());
        start("tampered-proof", chain.write(dir.resolve("tampered"), chain.tamperedProof(release), List.of(passed),
                List.of(chain.binding), true), new MemoryCheckpointStore());

        CheckpointStore forked = new MemoryCheckpointStore();
        chain.forkInto(forked);
        start("checkpoint-fork", chain.write(dir.resolve("fork"), release, List.of(passed), List.of(chain.binding),
                false), forked);

        start("intact", chain.write(dir.resolve("intact"), release, List.of(passed), List.of(chain.binding), false),
                new MemoryCheckpointStore());
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    private static void start(String name, OfflineEvidenceFiles evidence, CheckpointStore store) {
        ManifestVerifier verifier = new ReleaseManifestVerifier(evidence, chain.policy(), store);
        OUTCOMES.put(name, pool.submit(() -> run(name, verifier)));
    }

    private static Outcome run(String name, ManifestVerifier verifier) throws Exception {
        Path log = dir.resolve(name + ".calls");
        try (GatedMcpClient gate = GateServers.gate(GateServers.rugpull("baseline", log), verifier)) {
            Verdict verdict = gate.verdict();
            GateRefusedException listed = null;
            GateRefusedException called = null;
            try {
                gate.listTools();
            } catch (GateRefusedException e) {
                listed = e;
            }
            try {
                gate.callTool("add", Map.of("a", 2, "b", 3));
            } catch (GateRefusedException e) {
                called = e;
            }
            List<Refusal> others = new ArrayList<>();
            try {
                gate.getPrompt("summarise", Map.of("text", "hi"));
            } catch (GateRefusedException e) {
                others.add(e.refusal());
            }
            try {
                gate.readResource("memo://readme");
            } catch (GateRefusedException e) {
                others.add(e.refusal());
            }
            return new Outcome(verdict, listed, called, others, GateServers.calls(log));
        }
    }

    /** Checks that {@code name} rejected the server for a failure of {@code type}, and returns it. */
    private static <T extends VerificationException> T rejected(String name, Class<T> type) throws Exception {
        Outcome outcome;
        try {
            outcome = OUTCOMES.get(name).get();
        } catch (ExecutionException e) {
            throw new AssertionError(name + " failed", e.getCause());
        }
        Verdict verdict = outcome.verdict();
        assertInstanceOf(Decision.RejectServer.class, verdict.decision(), name);
        assertTrue(verdict.allowed().isEmpty());
        assertTrue(verdict.tools().isEmpty());
        assertEquals(Refusal.SERVER_REJECTED, outcome.listRefusal().refusal());
        assertEquals(Refusal.SERVER_REJECTED, outcome.callRefusal().refusal());
        assertEquals(List.of(Refusal.SERVER_REJECTED, Refusal.SERVER_REJECTED), outcome.promptAndResource());
        assertEquals(List.of(), outcome.calls(), "a call reached a server whose release did not verify");
        assertEquals(1, verdict.reasons().size());
        GateReason reason = verdict.reasons().get(0);
        assertEquals(Kind.RELEASE_REJECTED, reason.kind());
        assertTrue(reason.key().isEmpty());
        assertTrue(reason.text().contains(GateServers.RUGPULL.name() + "@" + GateServers.RUGPULL.version()));
        assertEquals(outcome.callRefusal().reasons(), verdict.reasons());
        return assertInstanceOf(type, reason.failure().orElseThrow());
    }

    private static void check(String name, Class<? extends VerificationException> type,
            Consumer<VerificationException> more) throws Exception {
        more.accept(rejected(name, type));
    }

    @Test
    void theIntactChainIsAccepted() throws Exception {
        Outcome outcome = OUTCOMES.get("intact").get();
        assertInstanceOf(Decision.AcceptAll.class, outcome.verdict().decision());
        assertNull(outcome.callRefusal());
        assertEquals(List.of(), outcome.promptAndResource());
        assertEquals(List.of("add"), outcome.calls());
    }

    @Test
    void aForgedReleaseSignature() throws Exception {
        SignatureRejectedException x = rejected("forged-signature", SignatureRejectedException.class);
        assertEquals(SignatureRejectedException.Problem.FORGED, x.problem());
        assertTrue(x.keyIdsSeen().contains(chain.publisher.keyId()));
        assertTrue(OUTCOMES.get("forged-signature").get().verdict().reasons().get(0).text()
                .contains(chain.publisher.keyId().hex()));
    }

    @Test
    void aReleaseSignedByAKeyNotBoundToTheNamespace() throws Exception {
        SignatureRejectedException x = rejected("wrong-publisher-key", SignatureRejectedException.class);
        assertEquals(SignatureRejectedException.Problem.UNTRUSTED_KEY, x.problem());
        assertEquals(List.of(chain.publisher.keyId()), x.keyIdsTrusted());
        assertTrue(OUTCOMES.get("wrong-publisher-key").get().verdict().reasons().get(0).text()
                .contains(chain.intruder.keyId().hex()));
    }

    @Test
    void aRevokedPublisherKey() throws Exception {
        check("revoked-key", KeyRevokedException.class,
                x -> assertEquals(chain.publisher.keyId(), ((KeyRevokedException) x).keyId()));
    }

    @Test
    void aMissingReview() throws Exception {
        ReviewRejectedException x = rejected("missing-review", ReviewRejectedException.class);
        assertEquals(ReviewRejectedException.Problem.MISSING, x.problem());
        assertEquals(1, x.required());
    }

    @Test
    void aFailedReview() throws Exception {
        ReviewRejectedException x = rejected("failed-review", ReviewRejectedException.class);
        assertEquals(ReviewRejectedException.Problem.FAILED, x.problem());
        assertEquals(chain.critic.keyId(), x.failedBy().orElseThrow());
    }

    @Test
    void aTamperedInclusionProof() throws Exception {
        InclusionException x = rejected("tampered-proof", InclusionException.class);
        assertEquals(InclusionException.Reason.PROOF_FAILED, x.reason());
        assertTrue(x.proofFailure().isPresent());
    }

    @Test
    void aForkAgainstTheStoredCheckpoint() throws Exception {
        LogForkException x = rejected("checkpoint-fork", LogForkException.class);
        assertEquals(x.known().checkpoint().size(), x.presented().checkpoint().size());
        assertFalse(x.known().checkpoint().root().equals(x.presented().checkpoint().root()));
    }
}
