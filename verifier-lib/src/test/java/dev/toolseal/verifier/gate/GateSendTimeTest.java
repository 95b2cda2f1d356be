package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.verifier.gate.GateRefusedException.Refusal;
import dev.toolseal.verifier.gate.PinnedManifestVerifier.Policy;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.ToolManifest;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate engine judges a request when it handles it, against the verdict in force at that
 * moment: a request sent straight through the SDK client (past the gate's own wait for a
 * verdict) is refused by the engine if the verdict does not let it through, and one that reaches
 * the engine while a verification started by a list_changed notification is still running is
 * held, nothing reaching the server, and then judged under the new verdict. Each refusal is also
 * checked on the server's side (its call log).
 */
class GateSendTimeTest {
    private static final Map<String, Object> TWO_PLUS_THREE = Map.of("a", 2, "b", 3);
    private static final EntryKey ADD = EntryKey.parse("tool:add");

    @TempDir
    Path dir;

    private static McpSchema.CallToolRequest call(String tool, Map<String, Object> args) {
        return McpSchema.CallToolRequest.builder(tool).arguments(args).build();
    }

    /** The engine's refusal of a call sent straight through the SDK client. */
    private static GateRefusedException refusedByEngine(GatedMcpClient gate, McpSchema.CallToolRequest request) {
        McpSyncClient client = gate.sdkClient();
        RuntimeException thrown = assertThrows(RuntimeException.class, () -> client.callTool(request));
        return refusal(gate, thrown, request.name());
    }

    private static GateRefusedException refusal(GatedMcpClient gate, Throwable thrown, String tool) {
        return gate.refusalIn(thrown, EntryKey.parse("tool:" + tool), Optional.of(tool))
                .orElseThrow(() -> new AssertionError("not the gate engine's refusal", thrown));
    }

    @Test
    void aCallSentStraightThroughTheSdkClientIsJudgedByTheEngine() throws Exception {
        ToolManifest baseline = GateServers.pin(GateServers.rugpull("baseline", dir.resolve("pin")), GateServers.RUGPULL);
        Path log = dir.resolve("quarantine.calls");
        try (GatedMcpClient gate = GateServers.gate(GateServers.rugpull("description-appended", log),
                new PinnedManifestVerifier(baseline, Policy.QUARANTINE_CHANGED))) {
            assertInstanceOf(Decision.AcceptOnly.class, gate.verdict().decision());
            GateRefusedException refused = refusedByEngine(gate, call("add", TWO_PLUS_THREE));
            assertEquals(Refusal.NOT_VERIFIED, refused.refusal());
            assertEquals(1, refused.reasons().size());
            assertTrue(refused.reasons().get(0).concerns(ADD));
            assertEquals(Refusal.NOT_VERIFIED, refusedByEngine(gate, call("run_shell", Map.of("cmd", "id"))).refusal());
            assertThrows(RuntimeException.class, () -> gate.sdkClient().getPrompt(
                    McpSchema.GetPromptRequest.builder("no-such-prompt").arguments(Map.of()).build()));
            gate.sdkClient().callTool(call("get_weather", Map.of("location", Map.of("city", "Oslo"))));
        }
        assertEquals(List.of("get_weather"), GateServers.calls(log));
    }

    @Test
    void aCallThatReachesTheEngineWhileAnAnnouncedChangeIsVerifiedIsHeldThenJudgedByTheNewVerdict()
            throws Exception {
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
            gate.callTool("add", TWO_PLUS_THREE); // the server changes and announces it
            assertTrue(verifying.await(60, TimeUnit.SECONDS), "no re-verification after list_changed");
            assertEquals(Optional.empty(), gate.currentVerdict());
            // sent past the gate's wait, as if sent just before the notification was read
            McpSyncClient client = gate.sdkClient();
            CompletableFuture<McpSchema.CallToolResult> pending =
                    CompletableFuture.supplyAsync(() -> client.callTool(call("add", TWO_PLUS_THREE)));
            assertThrows(TimeoutException.class, () -> pending.get(500, TimeUnit.MILLISECONDS), "not held");
            assertEquals(List.of("add"), GateServers.calls(log));
            release.countDown();
            ExecutionException thrown = assertThrows(ExecutionException.class, () -> pending.get(60, TimeUnit.SECONDS));
            assertEquals(Refusal.SERVER_REJECTED, refusal(gate, thrown, "add").refusal());
            assertFalse(gate.verdict().reasons().isEmpty());
            assertEquals(Refusal.SERVER_REJECTED, assertThrows(GateRefusedException.class,
                    () -> gate.callTool("add", TWO_PLUS_THREE)).refusal());
        } finally {
            release.countDown();
        }
        assertEquals(List.of("add"), GateServers.calls(log));
    }
}
