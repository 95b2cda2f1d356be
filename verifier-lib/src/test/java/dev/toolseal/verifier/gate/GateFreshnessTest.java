package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.verifier.gate.GateRefusedException.Refusal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A verdict older than the evidence age bound is not served: {@code listTools()} verifies again
 * first, so evidence that changed meanwhile (a yank, a revoked key) takes effect in a running
 * session. The verifier here stands for evidence that flips to a rejection mid-session.
 */
class GateFreshnessTest {
    @TempDir
    Path dir;

    /** A verifier that accepts until {@code revoked} is set, counting its verifications. */
    private static ManifestVerifier flipping(AtomicBoolean revoked, AtomicInteger verifications) {
        return live -> {
            verifications.incrementAndGet();
            return revoked.get()
                    ? new Decision.RejectServer(List.of(GateReason.server(GateReason.Kind.VERIFICATION_FAILED,
                            "the release was yanked meanwhile")))
                    : new Decision.AcceptAll();
        };
    }

    @Test
    void aListUnderAnOldVerdictVerifiesAgainAndSeesTheNewEvidence() {
        AtomicBoolean revoked = new AtomicBoolean();
        AtomicInteger verifications = new AtomicInteger();
        try (GatedMcpClient gate = GatedMcpClient.connect(GateServers.rugpull("baseline", dir.resolve("calls")),
                GateServers.RUGPULL, flipping(revoked, verifications), GateServers.CAPABILITIES,
                GateServers.LIMITS, Duration.ZERO)) {
            assertEquals(2, assertDoesNotThrowList(gate));
            int before = verifications.get();
            assertEquals(2, assertDoesNotThrowList(gate));
            assertTrue(verifications.get() > before, "the second list verified again");
            revoked.set(true);
            assertEquals(Refusal.SERVER_REJECTED, assertThrows(GateRefusedException.class, gate::listTools).refusal());
        }
    }

    @Test
    void aListUnderAFreshVerdictIsServedFromIt() {
        AtomicBoolean revoked = new AtomicBoolean();
        AtomicInteger verifications = new AtomicInteger();
        try (GatedMcpClient gate = GatedMcpClient.connect(GateServers.rugpull("baseline", dir.resolve("calls")),
                GateServers.RUGPULL, flipping(revoked, verifications), GateServers.CAPABILITIES,
                GateServers.LIMITS, Duration.ofHours(1))) {
            assertEquals(2, assertDoesNotThrowList(gate));
            int before = verifications.get();
            revoked.set(true);
            assertEquals(2, assertDoesNotThrowList(gate)); // the verdict in force still holds
            assertEquals(before, verifications.get());
        }
    }

    private static int assertDoesNotThrowList(GatedMcpClient gate) {
        try {
            return gate.listTools().size();
        } catch (GateRefusedException e) {
            throw new AssertionError("refused: " + e.refusal(), e);
        }
    }
}
