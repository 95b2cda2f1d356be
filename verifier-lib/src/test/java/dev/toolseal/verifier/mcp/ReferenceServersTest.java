package dev.toolseal.verifier.mcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official reference servers from npm, recorded over stdio through the real SDK client:
 * the raw snapshot holds every entry the SDK's typed API reports, with at least every field the
 * typed records keep.
 */
class ReferenceServersTest {
    @TempDir
    static Path dir;

    private static Recorded everything;
    private static Recorded memory;
    private static Recorded filesystem;

    /** A raw snapshot and, from the same session, the SDK's typed view of every tool. */
    record Recorded(RawSnapshot raw, List<McpSchema.Tool> typedTools) {
    }

    @BeforeAll
    static void recordAll() throws Exception {
        Files.writeString(dir.resolve("hello.txt"), "hello");
        everything = record(TestServers.everything());
        memory = record(TestServers.memory(dir.resolve("memory.jsonl")));
        filesystem = record(TestServers.filesystem(dir));
    }

    private static Recorded record(McpEndpoint endpoint) throws McpRecordingException {
        try (RawSession session = RawSession.open(endpoint, TestServers.CAPABILITIES, TestServers.LIMITS)) {
            RawSnapshot raw = snapshotSettled(session);
            return new Recorded(raw, session.client().listTools().tools());
        }
    }

    private static RawSnapshot snapshotSettled(RawSession session) throws McpRecordingException {
        try {
            return session.snapshot();
        } catch (McpRecordingException e) {
            if (e.reason() != McpRecordingException.Reason.CHANGED_DURING_RECORDING) {
                throw e;
            }
            return session.snapshot();
        }
    }

    @Test
    void everythingServerHasEveryListDeclared() {
        RawSnapshot raw = everything.raw();
        assertEquals("mcp-servers/everything", raw.initializeResult().path("serverInfo").path("name").asText());
        for (ListKind kind : ListKind.values()) {
            assertTrue(raw.has(kind), kind.name());
            assertFalse(raw.entries(kind).isEmpty(), kind.name());
        }
        assertTrue(raw.initializeResult().path("instructions").isTextual());
    }

    @Test
    void memoryServerRecordsItsToolsAndOnlyWhatItDeclares() {
        assertFalse(memory.raw().initializeResult().path("capabilities").has("prompts"));
        assertFalse(memory.raw().has(ListKind.PROMPTS), "memory declares no prompts");
        assertTrue(names(memory.raw()).containsAll(Set.of("create_entities", "read_graph", "search_nodes")));
    }

    @Test
    void filesystemServerRecordsItsTools() {
        assertTrue(names(filesystem.raw()).containsAll(Set.of("read_text_file", "write_file", "list_directory")));
    }

    @Test
    void listsAreRecordedExactlyWhenDeclared() {
        for (Recorded recorded : List.of(everything, memory, filesystem)) {
            JsonNode capabilities = recorded.raw().initializeResult().path("capabilities");
            for (ListKind kind : List.of(ListKind.TOOLS, ListKind.PROMPTS, ListKind.RESOURCES)) {
                assertEquals(capabilities.has(kind.capability()), recorded.raw().has(kind), kind.name());
            }
        }
    }

    @Test
    void rawToolsAreExactlyTheSdksToolsWithNothingDropped() throws IOException {
        for (Recorded recorded : List.of(everything, memory, filesystem)) {
            List<JsonNode> raw = recorded.raw().entries(ListKind.TOOLS);
            assertEquals(recorded.typedTools().stream().map(McpSchema.Tool::name).toList(),
                    raw.stream().map(t -> t.path("name").asText()).toList());
            for (int i = 0; i < raw.size(); i++) {
                Map<?, ?> typed = McpJsonDefaults.getMapper().readValue(
                        McpJsonDefaults.getMapper().writeValueAsString(recorded.typedTools().get(i)), Map.class);
                Set<String> rawFields = fieldNames(raw.get(i));
                for (Object field : typed.keySet()) {
                    assertTrue(rawFields.contains(field), raw.get(i).path("name") + " lacks " + field);
                }
                assertTrue(raw.get(i).path("inputSchema").isObject());
            }
        }
    }

    private static List<String> names(RawSnapshot snapshot) {
        return snapshot.entries(ListKind.TOOLS).stream().map(t -> t.path("name").asText()).toList();
    }

    private static Set<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return Set.copyOf(names);
    }
}
