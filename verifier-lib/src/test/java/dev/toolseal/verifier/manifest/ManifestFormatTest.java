package dev.toolseal.verifier.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The stored document: round trips, order and formatting independence, totality. */
class ManifestFormatTest {
  @Test
  void roundTrip() throws ManifestException {
    ToolManifest m = new SampleSession().manifest();
    byte[] doc = ManifestFormat.format(m);
    ToolManifest back = new ManifestFormat().parse(doc);
    assertEquals(m, back);
    assertEquals(m.digest(), back.digest());
    assertEquals(m.digests(), back.digests());
    assertArrayEquals(doc, ManifestFormat.format(back));
  }

  @Test
  void prettyPrintedReorderedDocumentReadsTheSame() throws ManifestException {
    ToolManifest m = new SampleSession().manifest();
    ObjectNode doc = SampleSession.obj(new String(ManifestFormat.format(m), StandardCharsets.UTF_8));
    for (String array : List.of("tools", "prompts", "resources")) {
      List<JsonNode> items = new ArrayList<>();
      doc.get(array).forEach(items::add);
      Collections.reverse(items);
      ((ArrayNode) doc.get(array)).removeAll().addAll(items);
    }
    String pretty = SampleSession.pretty(SampleSession.reversedKeys(doc));
    assertEquals(m, new ManifestFormat().parse(pretty.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void reorderingAndReformattingTheSessionKeepsTheDigest() throws ManifestException {
    ToolManifest base = new SampleSession().manifest();

    SampleSession moved = new SampleSession();
    // reverse tools within the first page, move one tool to the second page, reverse prompts
    List<JsonNode> tools = new ArrayList<>();
    moved.tools(0).forEach(tools::add);
    Collections.reverse(tools);
    moved.tools(0).removeAll().addAll(tools);
    moved.tools(1).add(moved.tools(0).remove(0));
    ArrayNode prompts = (ArrayNode) moved.promptPages.get(0).get("prompts");
    prompts.add(prompts.remove(0));
    ToolManifest reordered = moved.manifest();
    assertEquals(base.digest(), reordered.digest());
    assertEquals(base.digests(), reordered.digests());

    ToolManifest pretty = new ManifestAssembler().assemble(new SampleSession().raw(
        SampleSession::pretty));
    assertEquals(base.digest(), pretty.digest());
    ToolManifest keysReversed = new ManifestAssembler().assemble(new SampleSession().raw(
        n -> SampleSession.reversedKeys(n).toString()));
    assertEquals(base.digest(), keysReversed.digest());
    assertEquals(base.digests(), keysReversed.digests());
  }

  @Test
  void equivalentEscapesAndNumberSpellingsKeepTheDigest() throws ManifestException {
    SampleSession s = new SampleSession();
    String page = s.raw().toolsPages().get(0)
        .replace("\"Adds two numbers.\"", "\"Adds two numbers\\u002E\"")
        .replace("\"name\":\"echo\"", "\"n\\u0061me\":\"echo\"");
    RawSession raw = s.raw();
    RawSession escaped = new RawSession(raw.server(), raw.clientCapabilities(),
        raw.initializeResult(), List.of(page, raw.toolsPages().get(1)), raw.promptsPages(),
        raw.resourcesPages(), raw.resourceTemplatesPages());
    assertNotEquals(raw.toolsPages().get(0), page);
    assertEquals(s.manifest().digest(), new ManifestAssembler().assemble(escaped).digest());

    SampleSession numbers = new SampleSession();
    numbers.tool("get_forecast").set("x", SampleSession.obj("{\"n\":[90, 1e30, 4.5]}"));
    SampleSession spelled = new SampleSession();
    spelled.tool("get_forecast").set("x", SampleSession.obj("{\"n\":[90.0, 1E+30, 4.50]}"));
    assertEquals(numbers.manifest().digest(), spelled.manifest().digest());
  }

  @Test
  void everySingleByteMutationIsRejectedOrChangesTheDigest() throws ManifestException {
    ToolManifest original = new SampleSession().manifest();
    byte[] doc = ManifestFormat.format(original);
    ManifestFormat format = new ManifestFormat();
    // one replacement per position, cycling through bytes that break or bend the grammar
    byte[] replacements = {0, '"', '{', ']', ',', 'x', '1', (byte) 0xff, (byte) 0xc3, '\\'};
    int readable = 0;
    for (int i = 0; i < doc.length; i++) {
      byte r = replacements[i % replacements.length];
      if (doc[i] == r) {
        r = 'y';
      }
      byte[] mutated = doc.clone();
      mutated[i] = r;
      try {
        ToolManifest m = format.parse(mutated);
        assertNotEquals(original.digest(), m.digest());
        readable++;
      } catch (ManifestException expected) {
        // refused, as it should be
      }
    }
    assertNotEquals(0, readable);
  }
}
