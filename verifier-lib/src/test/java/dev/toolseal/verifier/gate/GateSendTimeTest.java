package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.verifier.gate.GateRefusedException.Refusal;
import dev.toolseal.verifier.gate.PinnedManifestVerifier.Policy;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.mcp.RawSession;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate checks a request again when it is sent, not only when it is admitted: a request that
 * reaches the transport without (or before) the admission check is refused there if the verdict
 * in force does not let it through, including while a verification started by a list_changed
 * notification is still running. Each refusal is also checked on the server's side (its call log).
 */
class GateSendTimeTest {
    private static final Map<String, Object> TWO_PLUS_THREE = Map.of("a", 2, "b", 3);

    @TempDir
    Path dir;

    private static McpSchema.CallToolRequest call(String tool, Map<String, Object> args) {
        return McpSchema.CallToolRequest.builder(tool).arguments(args).build();
    }

    private static GateRefusedException refusedAtSend(RawSession session, McpSchema.CallToolRequest request) {
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> session.client().callTool(request));
        return SendCheck.refusalIn(thrown).orElseThrow(() -> new AssertionError("not the gate's refusal", thrown));
    }

    @Test
    void aCallThatSkipsTheAdmissionCheckIsRefusedWhenSent() throws Exception {
        ToolManifest baseline = GateServers.pin(GateServers.rugpull("baseline", dir.resolve("pin")), GateServers.RUGPULL);
        Path log = dir.resolve("quarantine.calls");
        try (GatedMcpClient gate = GateServers.gate(GateServers.rugpull("description-appended", log),
                new PinnedManifestVerifier(baseline, Policy.QUARANTINE_CHANGED))) {
            assertInstanceOf(Decision.AcceptOnly.class, gate.verdict().decision());
            RawSession session = gate.session();
            GateRefusedException refused = refusedAtSend(session, call("add", TWO_PLUS_THREE));
            assertEquals(Refusal.NOT_VERIFIED, refused.refusal());
            assertEquals(1, refused.reasons().size());
            refusedAtSend(session, call("run_shell", Map.of("cmd", "id")));
            assertThrows(RuntimeException.class, () -> session.client().getPrompt(
                    McpSchema.GetPromptRequest.builder("no-such-prompt").arguments(Map.of()).build()));
            session.client().callTool(call("get_weather", Map.of("location", Map.of("city", "Oslo"))));
        }
        assertEquals(List.of("get_weather"), GateServers.calls(log));
    }

    @Test
    void aCallSentWhileAnAnnouncedChangeIsBeingVerifiedIsRefused() throws Exception {
        ManifestVerifier pinned = new PinnedManifestVerifier(GateServers.pin(
                GateServers.rugpull("call-then-change", dir.resolve("pin")), GateServers.RUGPULL), Policy.REJECT_SERVER);
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch verifying = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ManifestVerifier held = live -> {
            if (runs.incrementAndGet() == 2) {
                verifying.countDown();
                release.await(60, TimeUnit.SECONDS);
            }
            return pinned.verify(live);
        };
        Path log = dir.resolve("race.calls");
        try (GatedMcpClient gate = GateServers.gate(GateServers.rugpull("call-then-change", log), held)) {
            assertInstanceOf(Decision.AcceptAll.class, gate.verdict().decision());
            RawSession session = gate.session();
            gate.callTool("add", TWO_PLUS_THREE); // the server changes and announces it
            assertTrue(verifying.await(60, TimeUnit.SECONDS), "no re-verification after list_changed");
            // as if admitted just before the notification was read: the send is what is checked
            assertEquals(Refusal.VERIFICATION_PENDING, refusedAtSend(session, call("add", TWO_PLUS_THREE)).refusal());
            release.countDown();
            GateRefusedException after = assertThrows(GateRefusedException.class,
                    () -> gate.callTool("add", TWO_PLUS_THREE));
            assertEquals(Refusal.SERVER_REJECTED, after.refusal());
            assertEquals(Refusal.SERVER_REJECTED, refusedAtSend(session, call("add", TWO_PLUS_THREE)).refusal());
        } finally {
            release.countDown();
        }
        assertEquals(List.of("add"), GateServers.calls(log));
    }
}
