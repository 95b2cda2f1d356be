package dev.toolseal.verifier.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.manifest.SchemaRefs.LeavingRef;
import dev.toolseal.verifier.manifest.SchemaRefs.Problem;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile and honest schemas through the reference rule of docs/design/eras.md, section 5. */
class SchemaRefsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static JsonNode tool(String inputSchema) throws Exception {
    return JSON.readTree("{\"name\":\"t\",\"inputSchema\":" + inputSchema + "}");
  }

  private static List<LeavingRef> refused(String inputSchema) throws Exception {
    return SchemaRefs.ofTool(tool(inputSchema));
  }

  private static void assertOnly(List<LeavingRef> found, String pointer, Problem problem) {
    assertEquals(1, found.size(), found::toString);
    assertEquals(pointer, found.get(0).pointer());
    assertEquals(problem, found.get(0).problem());
  }

  @Test
  void aRefToANetworkDocumentIsRefused() throws Exception {
    assertOnly(refused("""
        {"type":"object","properties":{"a":{"$ref":"https://attacker.example/schema.json"}}}"""),
        "/inputSchema/properties/a/$ref", Problem.EXTERNAL);
  }

  @Test
  void everySchemeAndPathLeaves() throws Exception {
    for (String ref : List.of("file:///etc/schema.json", "urn:example:x", "data:,{}",
        "//host/x", "../x", "other.json", "#/$defs/a/../b#c")) {
      List<LeavingRef> found = refused("{\"$defs\":{\"a\":{}},\"$ref\":\"" + ref + "\"}");
      assertEquals(1, found.size(), ref);
      assertEquals("/inputSchema/$ref", found.get(0).pointer(), ref);
    }
  }

  @Test
  void aPointerThatDoesNotResolveIsRefused() throws Exception {
    assertOnly(refused("""
        {"$defs":{"point":{"type":"object"}},"properties":{"p":{"$ref":"#/$defs/missing"}}}"""),
        "/inputSchema/properties/p/$ref", Problem.UNRESOLVED_POINTER);
  }

  @Test
  void aRelativeFileRefIsRefused() throws Exception {
    assertOnly(refused("""
        {"properties":{"x":{"$ref":"other.json#/x"}},"$defs":{"x":{}}}"""),
        "/inputSchema/properties/x/$ref", Problem.EXTERNAL);
  }

  @Test
  void anIdBelowTheRootIsRefusedEvenWhenItsRefLooksLocal() throws Exception {
    List<LeavingRef> found = refused("""
        {"$defs":{"p":{"type":"object"}},
         "properties":{"a":{"$id":"https://attacker.example/base/","$ref":"#/$defs/p"}}}""");
    assertTrue(found.stream().anyMatch(r -> r.problem() == Problem.NESTED_ID
        && r.pointer().equals("/inputSchema/properties/a/$id")), found::toString);
  }

  @Test
  void aRootIdIsTheDocumentsOwnBase() throws Exception {
    assertEquals(List.of(), refused("""
        {"$id":"https://example.com/t.json","$defs":{"p":{}},
         "properties":{"a":{"$ref":"https://example.com/t.json#/$defs/p"}}}"""));
    assertOnly(refused("""
        {"$id":"https://example.com/t.json","$defs":{"p":{}},
         "properties":{"a":{"$ref":"https://example.com/other.json#/$defs/p"}}}"""),
        "/inputSchema/properties/a/$ref", Problem.EXTERNAL);
  }

  @Test
  void draft201909RecursiveKeywordsAreRefusedInAnyDialect() throws Exception {
    // a validator reading a schema without $schema loosely may follow $recursiveRef through the
    // dynamic scope, which the signed bytes do not fix
    assertOnly(refused("""
        {"properties":{"a":{"$recursiveRef":"#"}}}"""),
        "/inputSchema/properties/a/$recursiveRef", Problem.UNKNOWN_DIALECT);
    assertOnly(refused("""
        {"$recursiveAnchor":true,"properties":{"a":{"type":"string"}}}"""),
        "/inputSchema/$recursiveAnchor", Problem.UNKNOWN_DIALECT);
    // a property merely named so is a name, not a keyword
    assertEquals(List.of(), refused("""
        {"properties":{"$recursiveRef":{"type":"string"}}}"""));
  }

  @Test
  void aDynamicRefLeavesUnlessItsAnchorIsHere() throws Exception {
    assertOnly(refused("""
        {"properties":{"a":{"$dynamicRef":"https://attacker.example/s.json#meta"}}}"""),
        "/inputSchema/properties/a/$dynamicRef", Problem.EXTERNAL);
    assertOnly(refused("""
        {"properties":{"a":{"$dynamicRef":"#meta"}}}"""),
        "/inputSchema/properties/a/$dynamicRef", Problem.UNKNOWN_ANCHOR);
    assertEquals(List.of(), refused("""
        {"$dynamicAnchor":"meta","properties":{"a":{"$dynamicRef":"#meta"}}}"""));
  }

  @Test
  void aRefFromOutputSchemaIntoInputSchemaIsRefused() throws Exception {
    JsonNode t = JSON.readTree("""
        {"name":"t","inputSchema":{"type":"object","$defs":{"p":{"type":"integer"}}},
         "outputSchema":{"type":"object","properties":{"r":{"$ref":"#/$defs/p"}}}}""");
    assertOnly(SchemaRefs.ofTool(t), "/outputSchema/properties/r/$ref", Problem.CROSS_SCHEMA);
    JsonNode byId = JSON.readTree("""
        {"name":"t","inputSchema":{"$id":"urn:tool:in","$defs":{"p":{}}},
         "outputSchema":{"properties":{"r":{"$ref":"urn:tool:in#/$defs/p"}}}}""");
    assertOnly(SchemaRefs.ofTool(byId), "/outputSchema/properties/r/$ref", Problem.CROSS_SCHEMA);
  }

  @Test
  void aRefToItsOwnDefsStaysInside() throws Exception {
    assertEquals(List.of(), refused("""
        {"type":"object","$defs":{"point":{"type":"object",
          "properties":{"x":{"type":"integer"},"y":{"type":"integer"}}}},
         "properties":{"from":{"$ref":"#/$defs/point"},"to":{"$ref":"#/$defs/point"}},
         "required":["from","to"]}"""));
    assertEquals(List.of(), refused("""
        {"$schema":"https://json-schema.org/draft/2020-12/schema","$anchor":"top",
         "properties":{"self":{"$ref":"#"},"again":{"$ref":""},"named":{"$ref":"#top"},
           "list":{"type":"array","items":[{"type":"string"}]},
           "first":{"$ref":"#/properties/list/items/0"}}}"""));
    assertEquals(List.of(), refused("""
        {"$schema":"http://json-schema.org/draft-07/schema#","definitions":{"p":{}},
         "properties":{"a":{"$ref":"#/definitions/p"}}}"""));
  }

  @Test
  void pointerEscapesAreDecoded() throws Exception {
    String defs = """
        {"$defs":{"a/b":{},"m~n":{},"sp ace":{},"é":{},"%41":{}},"properties":{"x":{"$ref":"REF"}}}""";
    for (String ok : List.of("#/$defs/a~1b", "#/$defs/m~0n", "#/$defs/sp%20ace", "#/%24defs/a~1b",
        "#/$defs/%C3%A9", "#/$defs/%2541")) {
      assertEquals(List.of(), refused(defs.replace("REF", ok)), ok);
    }
    for (String bad : List.of("#/$defs/a/b", "#/$defs/m~n", "#/$defs/m~2n", "#/$defs/a~01b",
        "#/$defs/sp%2", "#/$defs/%C3", "#/$defs/%ZZ", "#/$defs/%41", "#/$defs/m~1n")) {
      List<LeavingRef> found = refused(defs.replace("REF", bad));
      assertEquals(1, found.size(), bad);
      assertEquals("/inputSchema/properties/x/$ref", found.get(0).pointer(), bad);
    }
  }

  @Test
  void reportedPointersEscapeMemberNames() throws Exception {
    assertOnly(refused("""
        {"properties":{"a/b~c":{"$ref":"https://x.example/"}}}"""),
        "/inputSchema/properties/a~1b~0c/$ref", Problem.EXTERNAL);
  }

  @Test
  void aPropertyNamedRefIsANameButAStringThereIsStillJudged() throws Exception {
    assertEquals(List.of(), refused("""
        {"properties":{"$ref":{"type":"string"},"$id":{"type":"string"}}}"""));
    assertOnly(refused("""
        {"properties":{"$ref":"https://attacker.example/"}}"""),
        "/inputSchema/properties/$ref", Problem.EXTERNAL);
  }

  @Test
  void everyLeavingRefIsReportedAndNonStringsAreMalformed() throws Exception {
    List<LeavingRef> found = refused("""
        {"allOf":[{"$ref":"https://a.example/"},{"$ref":"#/nope"},{"$ref":5}],
         "items":{"$ref":"#/allOf/0"}}""");
    assertEquals(3, found.size(), found::toString);
    assertTrue(found.stream().anyMatch(r -> r.problem() == Problem.MALFORMED
        && r.pointer().equals("/inputSchema/allOf/2/$ref")));
  }

  @Test
  void unknownDialectsAndNestedSchemaAreRefused() throws Exception {
    assertOnly(refused("{\"$schema\":\"https://attacker.example/meta\"}"),
        "/inputSchema/$schema", Problem.UNKNOWN_DIALECT);
    assertOnly(refused("{\"$schema\":\"http://json-schema.org/draft-04/schema#\"}"),
        "/inputSchema/$schema", Problem.UNKNOWN_DIALECT);
    assertOnly(refused("{\"properties\":{\"a\":{\"$schema\":\"" + "https://json-schema.org/"
        + "draft/2020-12/schema\"}}}"), "/inputSchema/properties/a/$schema",
        Problem.UNKNOWN_DIALECT);
  }

  @Test
  void aSchemaTooLargeOrDeepToWalkIsRefused() throws Exception {
    ObjectNode wide = JSON.createObjectNode();
    ArrayNode all = wide.putArray("allOf");
    for (int i = 0; i < ManifestLimits.DEFAULT.maxSubschemas() + 1; i++) {
      all.addObject();
    }
    ObjectNode entry = JSON.createObjectNode().put("name", "t");
    entry.set("inputSchema", wide);
    assertEquals(Problem.TOO_LARGE, SchemaRefs.ofTool(entry).get(0).problem());
    ObjectNode deep = JSON.createObjectNode();
    ObjectNode at = deep;
    for (int i = 0; i < SchemaRefs.MAX_DEPTH + 2; i++) {
      at = at.putObject("not");
    }
    entry.set("inputSchema", deep);
    assertEquals(Problem.TOO_LARGE, SchemaRefs.ofTool(entry).get(0).problem());
  }

  @Test
  void aManifestWithALeavingRefIsRefusedNamingToolAndPointer() throws Exception {
    SampleSession s = new SampleSession();
    ((ObjectNode) s.tool("add").path("inputSchema").path("properties").path("a"))
        .put("$ref", "https://attacker.example/schema.json");
    ToolManifest m = s.manifest();
    assertEquals(List.of(new EntryKey(EntryKind.TOOL, "add")), List.copyOf(SchemaRefs.of(m)
        .keySet()));
    ManifestException e = assertThrows(ManifestException.class,
        () -> SchemaRefs.requireContained(m));
    assertEquals(ManifestException.Reason.SCHEMA_REF_LEAVES, e.reason());
    assertEquals("/inputSchema/properties/a/$ref", e.pointer());
    SchemaRefs.requireContained(new SampleSession().manifest());
  }
}
