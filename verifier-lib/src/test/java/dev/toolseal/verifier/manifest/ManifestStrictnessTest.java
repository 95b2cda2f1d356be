package dev.toolseal.verifier.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.manifest.ManifestException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bad input of every kind ends in one typed {@link ManifestException} with a pointer. */
class ManifestStrictnessTest {
  private static ManifestException assemble(SampleSession s, String page0) {
    RawSession raw = s.raw();
    RawSession changed = new RawSession(raw.server(), raw.clientCapabilities(),
        raw.initializeResult(), List.of(page0, raw.toolsPages().get(1)), raw.promptsPages(),
        raw.resourcesPages(), raw.resourceTemplatesPages());
    return assertThrows(ManifestException.class, () -> new ManifestAssembler().assemble(changed));
  }

  private static ManifestException assembleTools(String page0) {
    return assemble(new SampleSession(), page0);
  }

  @Test
  void duplicateKeys() {
    ManifestException e = assembleTools(
        "{\"tools\":[{\"name\":\"add\",\"description\":\"a\",\"description\":\"b\"}]}");
    assertEquals(Reason.DUPLICATE_KEY, e.reason());
    assertEquals("tools/list page 1", e.source());
    assertEquals("/tools/0/description", e.pointer());
  }

  @Test
  void tooDeep() {
    String deep = "[".repeat(70) + "]".repeat(70);
    ManifestException e = assembleTools(
        "{\"tools\":[{\"name\":\"add\",\"inputSchema\":{\"default\":" + deep + "}}]}");
    assertEquals(Reason.TOO_DEEP, e.reason());
  }

  @Test
  void depthJustInsideTheLimitIsFine() throws ManifestException {
    // page object, tools array, tool object, inputSchema object = 4 levels before the nest
    String nest = "[".repeat(60) + "]".repeat(60);
    SampleSession s = new SampleSession();
    s.tool("add").set("x", SampleSession.obj("{\"d\":" + nest + "}"));
    new ManifestAssembler().assemble(s.raw());
  }

  @Test
  void everythingTheAssemblerAcceptsAtFullDepthReadsBackFromTheStoredDocument()
      throws ManifestException {
    ManifestLimits limits = ManifestLimits.DEFAULT;
    // a tools/list page nested exactly to the limit: page, tools array, tool, x + 60 arrays
    SampleSession s = new SampleSession();
    s.tool("add").set("x", SampleSession.JSON.createArrayNode());
    String page = s.raw().toolsPages().get(0).replace("\"x\":[]",
        "\"x\":" + "[".repeat(limits.maxDepth() - 3) + "]".repeat(limits.maxDepth() - 3));
    RawSession raw = s.raw();
    ToolManifest m = new ManifestAssembler().assemble(new RawSession(raw.server(),
        raw.clientCapabilities(), raw.initializeResult(), List.of(page, raw.toolsPages().get(1)),
        raw.promptsPages(), raw.resourcesPages(), raw.resourceTemplatesPages()));
    assertEquals(m, new ManifestFormat().parse(ManifestFormat.format(m)));

    // the initialize result sits one level deeper in the document than on the wire
    for (int extra : new int[] {limits.maxDepth() - 2, limits.maxDepth() - 1}) {
      SampleSession t = new SampleSession();
      t.initialize.set("_meta", SampleSession.JSON.createArrayNode());
      String init = t.raw().initializeResult().replace("\"_meta\":[]",
          "\"_meta\":" + "[".repeat(extra) + "]".repeat(extra));
      RawSession r = t.raw();
      RawSession deep = new RawSession(r.server(), r.clientCapabilities(), init, r.toolsPages(),
          r.promptsPages(), r.resourcesPages(), r.resourceTemplatesPages());
      if (extra == limits.maxDepth() - 2) {
        ToolManifest ok = new ManifestAssembler().assemble(deep);
        assertEquals(ok, new ManifestFormat().parse(ManifestFormat.format(ok)));
      } else {
        ManifestException e = assertThrows(ManifestException.class,
            () -> new ManifestAssembler().assemble(deep));
        assertEquals(Reason.TOO_DEEP, e.reason());
      }
    }
  }

  @Test
  void canonicalGrowthPastTheLimitIsCaughtWhenAssembling() {
    SampleSession s = new SampleSession();
    s.tool("add").set("x", SampleSession.obj("{\"n\":[" + "1E20,".repeat(300) + "1]}"));
    RawSession raw = s.raw();
    int rawBytes = raw.clientCapabilities().length() + raw.initializeResult().length();
    for (EntryKind kind : EntryKind.values()) {
      for (String page : raw.pages(kind)) {
        rawBytes += page.getBytes(StandardCharsets.UTF_8).length;
      }
    }
    ManifestLimits limits = new ManifestLimits(rawBytes + 500, 100, 64, 1000);
    ManifestException e = assertThrows(ManifestException.class,
        () -> new ManifestAssembler(limits).assemble(raw));
    assertEquals(Reason.TOO_LARGE, e.reason());
    assertEquals("session", e.source());
  }

  @Test
  void tooBig() throws ManifestException {
    ManifestLimits small = new ManifestLimits(1000, 100, 64, 1000);
    ManifestException e = assertThrows(ManifestException.class,
        () -> new ManifestAssembler(small).assemble(new SampleSession().raw()));
    assertEquals(Reason.TOO_LARGE, e.reason());
    byte[] doc = ManifestFormat.format(new SampleSession().manifest());
    ManifestException stored =
        assertThrows(ManifestException.class, () -> new ManifestFormat(small).parse(doc));
    assertEquals(Reason.TOO_LARGE, stored.reason());
  }

  @Test
  void tooLongString() {
    SampleSession s = new SampleSession();
    s.tool("add").put("description", "x".repeat(2000));
    ManifestLimits limits = new ManifestLimits(1 << 20, 100, 64, 1000);
    ManifestException e = assertThrows(ManifestException.class,
        () -> new ManifestAssembler(limits).assemble(s.raw()));
    assertEquals(Reason.TOO_LONG, e.reason());
  }

  @Test
  void tooManyEntries() {
    ManifestLimits limits = new ManifestLimits(1 << 20, 7, 64, 1000);
    ManifestException e = assertThrows(ManifestException.class,
        () -> new ManifestAssembler(limits).assemble(new SampleSession().raw()));
    assertEquals(Reason.TOO_MANY_ENTRIES, e.reason());
  }

  @Test
  void nonObjectEntry() {
    ManifestException e = assembleTools("{\"tools\":[{\"name\":\"add\"},\"sneaky\"]}");
    assertEquals(Reason.WRONG_TYPE, e.reason());
    assertEquals("/tools/1", e.pointer());
  }

  @Test
  void missingName() {
    ManifestException e = assembleTools("{\"tools\":[{\"description\":\"no name\"}]}");
    assertEquals(Reason.MISSING_FIELD, e.reason());
    assertEquals("/tools/0/name", e.pointer());
  }

  @Test
  void nameNotAString() {
    ManifestException e = assembleTools("{\"tools\":[{\"name\":7}]}");
    assertEquals(Reason.WRONG_TYPE, e.reason());
    assertEquals("/tools/0/name", e.pointer());
  }

  @Test
  void pageWithoutToolsArray() {
    assertEquals(Reason.MISSING_FIELD, assembleTools("{\"nextCursor\":\"x\"}").reason());
    assertEquals(Reason.WRONG_TYPE, assembleTools("{\"tools\":{}}").reason());
    assertEquals(Reason.WRONG_TYPE, assembleTools("[]").reason());
  }

  @Test
  void escapedLoneSurrogate() {
    ManifestException e =
        assembleTools("{\"tools\":[{\"name\":\"add\",\"description\":\"x\\ud800y\"}]}");
    assertEquals(Reason.LONE_SURROGATE, e.reason());
    assertEquals("/tools/0/description", e.pointer());
    assertEquals(Reason.LONE_SURROGATE,
        assembleTools("{\"tools\":[{\"name\":\"add\",\"\\udc00\":1}]}").reason());
  }

  @Test
  void rawLoneSurrogateInAJavaString() {
    ManifestException e = assembleTools("{\"tools\":[{\"name\":\"add\\ud800\"}]}"
        .replace("\\ud800", "\ud800"));
    assertEquals(Reason.LONE_SURROGATE, e.reason());
  }

  @Test
  void duplicateEntryNames() {
    SampleSession s = new SampleSession();
    s.tools(1).addObject().put("name", "add").put("description", "the evil twin");
    DuplicateEntryException e =
        assertThrows(DuplicateEntryException.class, () -> new ManifestAssembler().assemble(s.raw()));
    assertEquals(Reason.DUPLICATE_ENTRY, e.reason());
    assertEquals(new EntryKey(EntryKind.TOOL, "add"), e.key());
    assertEquals("tools/list page 2", e.source());
    assertEquals("/tools/1", e.pointer());
  }

  @Test
  void sameNameInDifferentKindsIsFine() throws ManifestException {
    SampleSession s = new SampleSession();
    ((ObjectNode) s.promptPages.get(0).get("prompts").get(0)).put("name", "add");
    new ManifestAssembler().assemble(s.raw());
  }

  @Test
  void malformedJson() {
    for (String bad : List.of("", "{", "{\"tools\":[]} x", "{\"tools\":[01]}", "{'tools':[]}",
        "{\"tools\":[],}", "{\"tools\":[NaN]}", "\ufeff{\"tools\":[]}", "// c\n{\"tools\":[]}",
        "{\"tools\":[\"\t\"]}")) {
      assertEquals(Reason.MALFORMED_JSON, assembleTools(bad).reason(), bad);
    }
  }

  @Test
  void invalidUtf8() {
    StrictJson strict = new StrictJson(ManifestLimits.DEFAULT);
    for (byte[] bad : List.of(new byte[] {'[', '"', (byte) 0xff, '"', ']'},
        new byte[] {'[', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', ']'}, // CESU surrogate
        new byte[] {'[', '"', (byte) 0xc0, (byte) 0xaf, '"', ']'})) { // overlong '/'
      ManifestException e = assertThrows(ManifestException.class, () -> strict.parse(bad, "t"));
      assertEquals(Reason.MALFORMED_JSON, e.reason());
    }
  }

  @Test
  void initializeResultShape() {
    SampleSession s = new SampleSession();
    s.initialize.remove("serverInfo");
    ManifestException e = assertThrows(ManifestException.class,
        () -> new ManifestAssembler().assemble(s.raw()));
    assertEquals(Reason.MISSING_FIELD, e.reason());
    assertEquals("/serverInfo", e.pointer());
    SampleSession t = new SampleSession();
    t.initialize.put("instructions", 5);
    e = assertThrows(ManifestException.class, () -> new ManifestAssembler().assemble(t.raw()));
    assertEquals(Reason.WRONG_TYPE, e.reason());
    assertEquals("/instructions", e.pointer());
  }

  @Test
  void storedDocumentChecks() throws ManifestException {
    String doc = new String(ManifestFormat.format(new SampleSession().manifest()),
        StandardCharsets.UTF_8);
    ManifestFormat format = new ManifestFormat();
    assertEquals(Reason.UNSUPPORTED_VERSION, assertThrows(ManifestException.class,
        () -> format.parse(bytes(doc.replace("manifest/v1", "manifest/v3")))).reason());
    // a legacy document relabelled v2 (which holds modern-era manifests only) is refused too
    ManifestException relabelled = assertThrows(ManifestException.class,
        () -> format.parse(bytes(doc.replace("manifest/v1", "manifest/v2"))));
    assertEquals(Reason.UNKNOWN_FIELD, relabelled.reason());
    assertEquals("/initialize", relabelled.pointer());
    assertEquals(Reason.UNKNOWN_FIELD, assertThrows(ManifestException.class,
        () -> format.parse(bytes(doc.replaceFirst("\\{", "{\"extra\":1,")))).reason());
    ObjectNode noPrompts = SampleSession.obj(doc);
    noPrompts.remove("prompts");
    ManifestException missing = assertThrows(ManifestException.class,
        () -> format.parse(bytes(noPrompts.toString())));
    assertEquals(Reason.MISSING_FIELD, missing.reason());
    assertEquals("/prompts", missing.pointer());
    assertEquals(Reason.WRONG_TYPE, assertThrows(ManifestException.class,
        () -> format.parse(bytes(doc.replace("\"version\":\"1.2.0\"}", "\"version\":1}"))))
        .reason());
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
