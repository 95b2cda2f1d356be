package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toolseal.verifier.gate.HostileCorpusGateTest.Expect;
import dev.toolseal.verifier.gate.PinnedManifestVerifier.Policy;
import dev.toolseal.verifier.manifest.Era;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link HostileCorpusGateTest} in the modern era: every scenario of {@code hostile-server.mjs}
 * served as MCP 2026-07-28 ({@code --modern}), through the Java gate (whose SDK client the engine
 * bridges to the modern server), against the baseline recorded in the modern era. The same
 * scenarios and expectations: no marked text reaches the caller, and the verdicts are the same.
 */
class ModernHostileCorpusGateTest {
    private static ToolManifest baseline;

    @BeforeAll
    static void pinTheBaseline() throws Exception {
        List<String> command = List.of("node", GateServers.root().resolve("hostile-server.mjs").toString(),
                "baseline", "--modern");
        baseline = ModernEraGate.pin(command, Map.of(), HostileCorpusGateTest.HOSTILE,
                ModernEraGate.JSON.readTree("{\"roots\":{\"listChanged\":false}}"));
        assertEquals(Era.MODERN, baseline.era());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.toolseal.verifier.gate.HostileCorpusGateTest#scenarios")
    void noMarkedTextReachesTheCaller(String scenario, Expect expect, Policy policy) throws Exception {
        HostileCorpusGateTest.check(HostileCorpusGateTest.hostile(scenario, "--modern"), baseline, scenario,
                expect, policy);
    }
}
