package dev.toolseal.verifier.gate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.gate.GateReason.Kind;
import dev.toolseal.verifier.gate.GateRugPullTest.Fact;
import dev.toolseal.verifier.gate.PinnedManifestVerifier.Policy;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.ServerRef;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.mcp.ListKind;
import dev.toolseal.verifier.mcp.RawSnapshot;
import dev.toolseal.verifier.relay.EmbeddedGuard;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Without a server: every single-value mutation of a small session, through the pinned verifier
 * and the gate's own rules, in both policies.
 */
class PinnedManifestVerifierTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ServerRef REF = new ServerRef("io.github.toolseal/unit", "1.0.0");

    private static final String INIT = """
            {"protocolVersion":"2025-06-18","serverInfo":{"name":"unit","version":"1"},
             "capabilities":{"tools":{"listChanged":false},"prompts":{}},"instructions":"Use add."}""";
    private static final String TOOLS = """
            {"tools":[{"name":"add","description":"Adds.","inputSchema":{"type":"object",
              "properties":{"a":{"type":"number","minimum":0}},"required":["a"]},
              "annotations":{"readOnlyHint":true}},
             {"name":"echo","description":"Echoes.","inputSchema":{"type":"object"}}]}""";
    private static final String PROMPTS = """
            {"prompts":[{"name":"p","description":"A prompt.","arguments":[{"name":"x","required":true}]}]}""";

    private static RawSnapshot snapshot(JsonNode init, JsonNode tools, JsonNode prompts) {
        return new RawSnapshot(init, JSON.createObjectNode(),
                Map.of(ListKind.TOOLS, List.of(tools), ListKind.PROMPTS, List.of(prompts)));
    }

    /** The verdict the gate engine puts in force for {@code d} about {@code live}. */
    private static Verdict settle(Decision d, RawSnapshot live, ToolManifest manifest) {
        return EmbeddedGuard.settle(1, d, live, manifest);
    }

    private static JsonNode read(String text) throws Exception {
        return JSON.readTree(text);
    }

    /** One mutation: where, and what the gate must say about it. */
    record Case(String list, String pointer, Fact fact, boolean listEntry) {
    }

    @Test
    void everySingleValueChangeIsFoundAndOnlyListEntriesAreQuarantined() throws Exception {
        JsonNode init = read(INIT);
        JsonNode tools = read(TOOLS);
        JsonNode prompts = read(PROMPTS);
        ToolManifest pinned = LiveManifests.of(REF, snapshot(init, tools, prompts));
        List<Case> cases = cases(init, tools, prompts);
        assertEquals(19, cases.size(), "too few mutations: " + cases.size());
        for (Case c : cases) {
            JsonNode i = c.list().equals("init") ? mutate(init, c.pointer()) : init;
            JsonNode t = c.list().equals("tools") ? mutate(tools, c.pointer()) : tools;
            JsonNode p = c.list().equals("prompts") ? mutate(prompts, c.pointer()) : prompts;
            RawSnapshot live = snapshot(i, t, p);
            ToolManifest manifest = LiveManifests.of(REF, live);

            Decision strict = new PinnedManifestVerifier(pinned, Policy.REJECT_SERVER).verify(manifest);
            assertInstanceOf(Decision.RejectServer.class, strict, c.toString());
            assertEquals(Set.of(c.fact()), strict.reasons().stream().map(Fact::of).collect(Collectors.toSet()),
                    c.toString());

            Decision lenient = new PinnedManifestVerifier(pinned, Policy.QUARANTINE_CHANGED).verify(manifest);
            Verdict verdict = settle(lenient, live, manifest);
            if (!c.listEntry()) {
                assertTrue(verdict.serverRejected(), c.toString());
                continue;
            }
            assertInstanceOf(Decision.AcceptOnly.class, verdict.decision(), c.toString());
            EntryKey changed = EntryKey.parse(c.fact().renamedTo().isEmpty() ? c.fact().key() : c.fact().renamedTo());
            assertFalse(verdict.allows(changed), c.toString());
            List<String> visible = verdict.tools().stream().map(McpSchema.Tool::name).toList();
            for (JsonNode tool : t.path("tools")) {
                String name = tool.path("name").textValue();
                assertEquals(!changed.toString().equals("tool:" + name), visible.contains(name), c + " " + name);
            }
            assertEquals(visible, verdict.rawTools().stream().map(n -> n.path("name").textValue()).toList());
        }
    }

    @Test
    void reorderedEntriesAreTheSameManifest() throws Exception {
        ToolManifest pinned = LiveManifests.of(REF, snapshot(read(INIT), read(TOOLS), read(PROMPTS)));
        ObjectNode reordered = (ObjectNode) read(TOOLS);
        ArrayNode list = (ArrayNode) reordered.get("tools");
        list.insert(0, list.remove(1));
        RawSnapshot live = snapshot(read(INIT), reordered, read(PROMPTS));
        Decision d = new PinnedManifestVerifier(pinned, Policy.REJECT_SERVER).verify(LiveManifests.of(REF, live));
        assertInstanceOf(Decision.AcceptAll.class, d);
        Verdict verdict = settle(d, live, LiveManifests.of(REF, live));
        assertEquals(List.of("echo", "add"), verdict.tools().stream().map(McpSchema.Tool::name).toList());
    }

    /** Every leaf value of the three inputs, with the reason its change must give. */
    private static List<Case> cases(JsonNode init, JsonNode tools, JsonNode prompts) {
        List<Case> cases = new ArrayList<>();
        for (String pointer : leaves(init, "")) {
            String[] parts = pointer.split("/", 3);
            String key = switch (parts[1]) {
                case "serverInfo" -> "server:info";
                case "capabilities" -> "server:capabilities";
                default -> "server:" + parts[1];
            };
            String inside = parts.length > 2 ? "/" + parts[2] : "";
            cases.add(new Case("init", pointer, new Fact(key, Kind.CHANGED, Set.of(inside), ""), false));
        }
        entryCases("tools", "tool", tools, cases);
        entryCases("prompts", "prompt", prompts, cases);
        return cases;
    }

    private static void entryCases(String list, String prefix, JsonNode page, List<Case> cases) {
        for (String pointer : leaves(page, "")) {
            String[] parts = pointer.split("/", 4); // "", list, index, inside
            String name = page.path(list).path(Integer.parseInt(parts[2])).path("name").textValue();
            String inside = "/" + parts[3];
            Fact fact = inside.equals("/name")
                    ? new Fact(prefix + ":" + name, Kind.RENAMED, Set.of(), prefix + ":" + name + "\u200E")
                    : new Fact(prefix + ":" + name, Kind.CHANGED, Set.of(inside), "");
            cases.add(new Case(list, pointer, fact, true));
        }
    }

    private static List<String> leaves(JsonNode node, String at) {
        List<String> out = new ArrayList<>();
        if (node.isObject()) {
            node.fieldNames().forEachRemaining(name -> out.addAll(leaves(node.get(name), at + "/" + name)));
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                out.addAll(leaves(node.get(i), at + "/" + i));
            }
        } else {
            out.add(at);
        }
        return out;
    }

    /** A copy of {@code root} with the value at {@code pointer} changed (strings gain a U+200E). */
    private static JsonNode mutate(JsonNode root, String pointer) {
        JsonNode copy = root.deepCopy();
        int cut = pointer.lastIndexOf('/');
        JsonNode parent = copy.at(pointer.substring(0, cut));
        String last = pointer.substring(cut + 1);
        JsonNode old = copy.at(pointer);
        JsonNode changed = old.isTextual() ? JSON.getNodeFactory().textNode(old.textValue() + "\u200E")
                : old.isBoolean() ? JSON.getNodeFactory().booleanNode(!old.booleanValue())
                : JSON.getNodeFactory().numberNode(old.intValue() + 1);
        if (parent.isArray()) {
            ((ArrayNode) parent).set(Integer.parseInt(last), changed);
        } else {
            ((ObjectNode) parent).set(last, changed);
        }
        return copy;
    }
}
