package dev.toolseal.verifier.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every rug-pull variant of {@code rugpull-server.mjs}, recorded over stdio through the real
 * SDK client, differs from the baseline's snapshot in exactly the intended place; the benign
 * variants do not differ at all.
 */
class RugPullVariantsTest {
    private static final Map<String, Future<RawSnapshot>> RECORDED = new ConcurrentHashMap<>();
    private static ExecutorService pool;
    private static RawSnapshot baseline;

    /** Starts every variant's server up front, a few at a time; the tests then only compare. */
    @BeforeAll
    static void recordAll() throws McpRecordingException {
        pool = Executors.newFixedThreadPool(4);
        RECORDED.put("baseline", pool.submit(() -> TestServers.record(TestServers.rugpull("baseline"))));
        variants().forEach(arguments -> {
            String variant = (String) arguments.get()[0];
            RECORDED.put(variant, pool.submit(() -> TestServers.record(TestServers.rugpull(variant))));
        });
        baseline = record("baseline");
    }

    @AfterAll
    static void stopPool() {
        pool.shutdownNow();
    }

    static RawSnapshot record(String variant) throws McpRecordingException {
        try {
            return RECORDED.get(variant).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof McpRecordingException recording) {
                throw recording;
            }
            throw new AssertionError("recording " + variant + " failed", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    static Stream<Arguments> variants() {
        String add = "tools[add]";
        String addProps = add + "/inputSchema/properties";
        return Stream.of(
                Arguments.of("description-appended", Set.of(add + "/description")),
                Arguments.of("param-added", Set.of(addProps + "/sshKey")),
                Arguments.of("param-description", Set.of(addProps + "/a/description")),
                Arguments.of("param-renamed",
                        Set.of(addProps + "/a", addProps + "/x", add + "/inputSchema/required")),
                Arguments.of("param-type", Set.of(addProps + "/b/type")),
                Arguments.of("required-changed", Set.of(add + "/inputSchema/required")),
                Arguments.of("nested-schema", Set.of(
                        "tools[get_weather]/inputSchema/properties/location/properties/city/maxLength")),
                Arguments.of("extra-field", Set.of(add + "/x_exfiltrate")),
                Arguments.of("annotations-flip", Set.of(add + "/annotations/destructiveHint")),
                Arguments.of("title-changed", Set.of(add + "/title")),
                Arguments.of("output-schema", Set.of(add + "/outputSchema/properties/sum/type")),
                Arguments.of("meta-changed", Set.of("tools[get_weather]/_meta/dev.toolseal.test~1owner")),
                Arguments.of("tool-added", Set.of("tools[run_shell]")),
                Arguments.of("tool-removed", Set.of(add)),
                Arguments.of("tool-renamed", Set.of(add, "tools[add_numbers]")),
                Arguments.of("instructions-changed", Set.of("initialize/instructions")),
                Arguments.of("prompt-changed", Set.of("prompts[summarise]/description")),
                Arguments.of("resource-changed",
                        Set.of("resources[memo://readme]", "resources[file:///etc/passwd]")),
                Arguments.of("lrm-inserted", Set.of(add + "/description")),
                Arguments.of("tag-chars", Set.of(add + "/description")),
                Arguments.of("second-page", Set.of("tools[send_report]")),
                Arguments.of("reordered", Set.of()),
                Arguments.of("reformatted", Set.of()),
                Arguments.of("paged", Set.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("variants")
    void variantDiffersFromBaselineExactlyWhereIntended(String variant, Set<String> expected)
            throws McpRecordingException {
        assertEquals(expected, JsonDiff.between(baseline, record(variant)));
    }

    @Test
    void baselineHasEveryListAndEveryField() {
        for (ListKind kind : ListKind.values()) {
            assertEquals(1, baseline.pages().get(kind).size(), kind.name());
        }
        assertEquals(List.of("add", "get_weather"),
                baseline.entries(ListKind.TOOLS).stream().map(t -> t.get("name").asText()).toList());
        JsonNode add = baseline.entries(ListKind.TOOLS).get(0);
        assertEquals(List.of("name", "title", "description", "inputSchema", "outputSchema", "annotations"),
                fieldNames(add), "members in the order the server sent them");
        assertEquals("weather-team",
                baseline.entries(ListKind.TOOLS).get(1).path("_meta").path("dev.toolseal.test/owner").asText());
        assertTrue(baseline.initializeResult().path("instructions").isTextual());
        assertTrue(baseline.clientCapabilities().isObject());
    }

    @Test
    void invisibleCharactersAreKeptAsSent() throws McpRecordingException {
        String lrm = record("lrm-inserted").entries(ListKind.TOOLS).get(0).get("description").asText();
        assertTrue(lrm.contains("\u200E"));
        String tags = record("tag-chars").entries(ListKind.TOOLS).get(0).get("description").asText();
        assertTrue(tags.codePoints().anyMatch(cp -> cp == 0xE0072), "U+E0072 TAG LATIN SMALL LETTER R");
    }

    @Test
    void reorderedToolsKeepTheServersOrder() throws McpRecordingException {
        assertEquals(List.of("get_weather", "add"), record("reordered").entries(ListKind.TOOLS).stream()
                .map(t -> t.get("name").asText()).toList());
    }

    @Test
    void everyPageIsRecorded() throws McpRecordingException {
        RawSnapshot paged = record("second-page");
        List<JsonNode> pages = paged.pages().get(ListKind.TOOLS);
        assertEquals(2, pages.size());
        assertEquals("page-2", pages.get(0).get("nextCursor").asText());
        assertEquals("send_report", pages.get(1).get("tools").get(1).get("name").asText());
        assertNotEquals(baseline.entries(ListKind.TOOLS), paged.entries(ListKind.TOOLS));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
