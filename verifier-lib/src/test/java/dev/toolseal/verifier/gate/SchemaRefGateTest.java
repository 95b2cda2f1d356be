package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolseal.verifier.gate.PinnedManifestVerifier.Policy;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.mcp.ListKind;
import dev.toolseal.verifier.mcp.RawSnapshot;
import dev.toolseal.verifier.relay.EmbeddedGuard;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A tool whose schema refers outside itself is refused by the gate engine even when the trusted
 * manifest holds exactly the same bytes: the signature cannot cover what the reference fetches.
 */
class SchemaRefGateTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServerRef REF = new ServerRef("io.github.toolseal/unit", "1.0.0");
    private static final EntryKey FETCH = EntryKey.parse("tool:fetch");
    private static final EntryKey DISTANCE = EntryKey.parse("tool:distance");
    private static final String POINTER = "/inputSchema/properties/a/$ref";

    private static final String INIT = """
            {"protocolVersion":"2025-06-18","serverInfo":{"name":"unit","version":"1"},
             "capabilities":{"tools":{}}}""";
    private static final String TOOLS = """
            {"tools":[{"name":"fetch","description":"Fetches.","inputSchema":{"type":"object",
              "properties":{"a":{"$ref":"https://attacker.example/schema.json"}}}},
             {"name":"distance","description":"Distance.","inputSchema":{"type":"object",
              "$defs":{"point":{"type":"object"}},
              "properties":{"from":{"$ref":"#/$defs/point"},"to":{"$ref":"#/$defs/point"}}}}]}""";

    private static RawSnapshot snapshot() throws Exception {
        JsonNode init = JSON.readTree(INIT);
        return new RawSnapshot(init, JSON.createObjectNode(),
                Map.of(ListKind.TOOLS, List.of(JSON.readTree(TOOLS))));
    }

    private static void assertRefused(List<GateReason> reasons) {
        GateReason r = reasons.stream().filter(x -> x.kind() == GateReason.Kind.SCHEMA_REF_LEAVES)
                .findFirst().orElseThrow(() -> new AssertionError("no ref reason in " + reasons));
        assertEquals(Optional.of(FETCH), r.key());
        assertEquals(List.of(POINTER), r.pointers());
        assertTrue(reasons.stream().noneMatch(x -> x.concerns(DISTANCE)), reasons::toString);
    }

    @Test
    void theGateHidesTheToolEvenWhenThePinnedBytesAreTheSame() throws Exception {
        RawSnapshot snap = snapshot();
        ToolManifest live = LiveManifests.of(REF, snap);
        ToolManifest pinned = LiveManifests.of(REF, snapshot());
        for (Policy policy : Policy.values()) {
            Decision d = new PinnedManifestVerifier(pinned, policy).verify(live);
            Verdict v = EmbeddedGuard.settle(1, d, snap, live);
            assertFalse(v.callable("fetch"), policy.name());
            assertRefused(v.reasons());
            if (policy == Policy.QUARANTINE_CHANGED) {
                assertTrue(v.callable("distance"));
                assertEquals(List.of("distance"),
                        v.rawTools().stream().map(t -> t.get("name").textValue()).toList());
            } else {
                assertTrue(v.serverRejected());
            }
        }
    }

    @Test
    void theEngineRuleHidesItWhateverTheVerifierSaid() throws Exception {
        RawSnapshot snap = snapshot();
        ToolManifest live = LiveManifests.of(REF, snap);
        Decision enforced = Verdict.enforce(new Decision.AcceptAll(), live);
        Decision.AcceptOnly only = assertInstanceOf(Decision.AcceptOnly.class, enforced);
        assertFalse(only.accepted().contains(FETCH));
        assertTrue(only.accepted().contains(DISTANCE));
        assertRefused(only.reasons());
        Verdict v = EmbeddedGuard.settle(7, new Decision.AcceptAll(), snap, live);
        assertFalse(v.callable("fetch"));
        assertTrue(v.callable("distance"));
        assertFalse(v.serverRejected());
        assertRefused(v.reasonsAbout("fetch"));
    }

    @Test
    void aServerWithOnlyLocalRefsIsAcceptedWhole() throws Exception {
        String local = TOOLS.replace("https://attacker.example/schema.json", "#/properties/b")
                .replace("\"properties\":{\"a\"", "\"properties\":{\"b\":{\"type\":\"string\"},\"a\"");
        RawSnapshot snap = new RawSnapshot(JSON.readTree(INIT), JSON.createObjectNode(),
                Map.of(ListKind.TOOLS, List.of(JSON.readTree(local))));
        ToolManifest live = LiveManifests.of(REF, snap);
        Decision d = new PinnedManifestVerifier(live, Policy.REJECT_SERVER).verify(live);
        assertInstanceOf(Decision.AcceptAll.class, Verdict.enforce(d, live));
        assertTrue(EmbeddedGuard.settle(1, d, snap, live).callable("fetch"));
    }
}
