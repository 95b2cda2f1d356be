package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.verifier.gate.GateReason.Kind;
import dev.toolseal.verifier.gate.PinnedManifestVerifier.Policy;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.manifest.VisibleText;
import io.modelcontextprotocol.spec.McpSchema;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
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
 * Every variant of {@code rugpull-server.mjs}, started over stdio and spoken to through the real
 * SDK client inside a {@link GatedMcpClient}, against the baseline pinned with
 * {@link Policy#REJECT_SERVER}: each rug pull rejects the server with the reason naming the part,
 * the kind of change and the JSON pointers; the benign variants are accepted whole.
 */
class GateRugPullTest {
    @TempDir
    static Path dir;

    /** What one gated session ended with; {@code listed} is null when listTools was refused. */
    record Outcome(Verdict verdict, List<String> listed, GateRefusedException refusal, List<String> calls) {
    }

    /** A reason reduced to its structured fields. */
    record Fact(String key, Kind kind, Set<String> pointers, String renamedTo) {
        static Fact of(GateReason r) {
            return new Fact(r.key().map(Object::toString).orElse(""), r.kind(), Set.copyOf(r.pointers()),
                    r.renamedTo().map(Object::toString).orElse(""));
        }
    }

    private static final Map<String, Future<Outcome>> OUTCOMES = new ConcurrentHashMap<>();
    private static ExecutorService pool;
    private static ToolManifest baseline;

    @BeforeAll
    static void runEveryVariant() throws Exception {
        baseline = GateServers.pin(GateServers.rugpull("baseline", dir.resolve("pin.log")), GateServers.RUGPULL);
        ManifestVerifier verifier = new PinnedManifestVerifier(baseline, Policy.REJECT_SERVER);
        pool = Executors.newFixedThreadPool(4);
        Stream.concat(rugPulls(), benign()).map(a -> (String) a.get()[0]).forEach(variant ->
                OUTCOMES.put(variant, pool.submit(() -> run(variant, verifier))));
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    /** Connects, lists, tries to call {@code add} (present in every variant but two), closes. */
    private static Outcome run(String variant, ManifestVerifier verifier) throws Exception {
        Path log = dir.resolve(variant + ".calls");
        try (GatedMcpClient gate = GateServers.gate(GateServers.rugpull(variant, log), verifier)) {
            Verdict verdict = gate.verdict();
            List<String> listed = null;
            GateRefusedException refusal = null;
            try {
                listed = gate.listTools().stream().map(McpSchema.Tool::name).toList();
            } catch (GateRefusedException e) {
                refusal = e;
            }
            try {
                gate.callTool("add", Map.of("a", 2, "b", 3));
            } catch (GateRefusedException e) {
                // expected for rejected servers; the call log shows whether anything went out
            }
            return new Outcome(verdict, listed, refusal, GateServers.calls(log));
        }
    }

    static Outcome outcome(String variant) throws Exception {
        try {
            return OUTCOMES.get(variant).get();
        } catch (ExecutionException e) {
            throw new AssertionError(variant + " failed", e.getCause());
        }
    }

    private static Fact changed(String key, String... pointers) {
        return new Fact(key, Kind.CHANGED, Set.of(pointers), "");
    }

    static Stream<Arguments> rugPulls() {
        String props = "/inputSchema/properties";
        return Stream.of(
                Arguments.of("description-appended", Set.of(changed("tool:add", "/description"))),
                Arguments.of("param-added", Set.of(changed("tool:add", props + "/sshKey"))),
                Arguments.of("param-description", Set.of(changed("tool:add", props + "/a/description"))),
                Arguments.of("param-renamed", Set.of(changed("tool:add",
                        props + "/a", props + "/x", "/inputSchema/required/0"))),
                Arguments.of("param-type", Set.of(changed("tool:add", props + "/b/type"))),
                Arguments.of("required-changed", Set.of(changed("tool:add", "/inputSchema/required/1"))),
                Arguments.of("nested-schema", Set.of(changed("tool:get_weather",
                        props + "/location/properties/city/maxLength"))),
                Arguments.of("extra-field", Set.of(changed("tool:add", "/x_exfiltrate"))),
                Arguments.of("annotations-flip", Set.of(changed("tool:add", "/annotations/destructiveHint"))),
                Arguments.of("title-changed", Set.of(changed("tool:add", "/title"))),
                Arguments.of("output-schema", Set.of(changed("tool:add", "/outputSchema/properties/sum/type"))),
                Arguments.of("meta-changed", Set.of(changed("tool:get_weather", "/_meta/dev.toolseal.test~1owner"))),
                Arguments.of("tool-added", Set.of(new Fact("tool:run_shell", Kind.ADDED, Set.of(), ""))),
                Arguments.of("tool-removed", Set.of(new Fact("tool:add", Kind.REMOVED, Set.of(), ""))),
                Arguments.of("tool-renamed", Set.of(new Fact("tool:add", Kind.RENAMED, Set.of(), "tool:add_numbers"))),
                Arguments.of("instructions-changed", Set.of(changed("server:instructions", ""))),
                Arguments.of("prompt-changed", Set.of(changed("prompt:summarise", "/description"))),
                Arguments.of("resource-changed", Set.of(new Fact("resource:memo://readme", Kind.RENAMED,
                        Set.of(), "resource:file:///etc/passwd"))),
                Arguments.of("lrm-inserted", Set.of(changed("tool:add", "/description"))),
                Arguments.of("tag-chars", Set.of(changed("tool:add", "/description"))),
                Arguments.of("second-page", Set.of(new Fact("tool:send_report", Kind.ADDED, Set.of(), ""))));
    }

    static Stream<Arguments> benign() {
        return Stream.of(Arguments.of("baseline"), Arguments.of("reordered"), Arguments.of("reformatted"),
                Arguments.of("paged"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rugPulls")
    void rugPullRejectsTheServerWithTheRightReason(String variant, Set<Fact> expected) throws Exception {
        Outcome outcome = outcome(variant);
        assertInstanceOf(Decision.RejectServer.class, outcome.verdict().decision());
        assertEquals(expected, outcome.verdict().reasons().stream().map(Fact::of).collect(Collectors.toSet()));
        assertEquals(GateRefusedException.Refusal.SERVER_REJECTED, outcome.refusal().refusal());
        assertEquals(outcome.verdict().reasons(), outcome.refusal().reasons());
        // the message may reach the model: no text of the server's or the diff's in it
        for (GateReason reason : outcome.refusal().reasons()) {
            assertFalse(outcome.refusal().getMessage().contains(reason.text()), variant);
        }
        assertFalse(outcome.refusal().getMessage().contains("IMPORTANT"), variant);
        assertTrue(outcome.verdict().tools().isEmpty());
        assertEquals(List.of(), outcome.calls(), "a call to a rejected server reached it");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("benign")
    void benignVariantIsAcceptedWhole(String variant) throws Exception {
        Outcome outcome = outcome(variant);
        assertInstanceOf(Decision.AcceptAll.class, outcome.verdict().decision());
        assertEquals(Set.of("add", "get_weather"), Set.copyOf(outcome.listed()));
        assertEquals(List.of("add"), outcome.calls());
    }

    @Test
    void reorderedToolsAreListedInTheServersOrder() throws Exception {
        assertEquals(List.of("get_weather", "add"), outcome("reordered").listed());
    }

    @Test
    void invisibleCharactersAreSpelledOutInTheReason() throws Exception {
        String lrm = outcome("lrm-inserted").verdict().reasons().get(0).text();
        assertTrue(lrm.contains(VisibleText.of("\u200E")), lrm);
        String tags = outcome("tag-chars").verdict().reasons().get(0).text();
        assertTrue(tags.contains(VisibleText.of(new String(Character.toChars(0xE0072)))), tags);
        for (String text : List.of(lrm, tags)) {
            assertFalse(text.codePoints().anyMatch(cp -> cp != '\n' && VisibleText.isInvisible(cp)));
        }
    }

    @Test
    void theReasonNamesTheTrustedReleaseAndShowsTheInsertedText() throws Exception {
        GateReason reason = outcome("description-appended").verdict().reasons().get(0);
        assertTrue(reason.text().contains(GateServers.RUGPULL.name() + "@" + GateServers.RUGPULL.version()));
        assertTrue(reason.text().contains("<IMPORTANT>"), reason.text());
    }
}
