package dev.toolseal.verifier.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolseal.verifier.manifest.SchemaRefs.LeavingRef;
import dev.toolseal.verifier.manifest.SchemaRefs.Problem;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

/**
 * The composition bounds of docs/design/eras.md, section 5: {@code $ref} chains at one instance
 * location and reference cycles that never consume part of the instance.
 */
class SchemaRefsCompositionTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<LeavingRef> refused(String inputSchema) throws Exception {
    return SchemaRefs.ofTool(JSON.readTree("{\"name\":\"t\",\"inputSchema\":" + inputSchema + "}"));
  }

  private static void assertOnly(List<LeavingRef> found, String pointer, Problem problem) {
    assertEquals(1, found.size(), found::toString);
    assertEquals(pointer, found.get(0).pointer(), found::toString);
    assertEquals(problem, found.get(0).problem(), found::toString);
  }

  /**
   * A schema whose root refers to {@code d1}, {@code d1} to {@code d2} and so on: {@code hops}
   * references in all, the last one to a plain {@code {"type":"string"}}. {@code step} wraps the
   * reference to {@code d(i)} as it appears in the schema before it.
   */
  private static String chain(int hops, IntFunction<String> step) {
    StringBuilder defs = new StringBuilder();
    for (int i = 1; i < hops; i++) {
      defs.append("\"d").append(i).append("\":").append(step.apply(i + 1)).append(',');
    }
    defs.append("\"d").append(hops).append("\":{\"type\":\"string\"}");
    String root = step.apply(1);
    return "{\"$defs\":{" + defs + "}," + root.substring(1);
  }

  private static String direct(int i) {
    return "{\"$ref\":\"#/$defs/d" + i + "\"}";
  }

  @Test
  void aChainOf64RefsIsAcceptedAnd65IsRefusedAtItsFirstRef() throws Exception {
    assertEquals(List.of(), refused(chain(64, SchemaRefsCompositionTest::direct)));
    assertOnly(refused(chain(65, SchemaRefsCompositionTest::direct)), "/inputSchema/$ref",
        Problem.REF_CHAIN_TOO_LONG);
  }

  @Test
  void aChainCountsRefsReachedThroughInPlaceApplicators() throws Exception {
    // allOf applies its subschemas to the same instance: the next $ref continues the chain
    IntFunction<String> viaAllOf = i -> "{\"allOf\":[{\"type\":\"string\"},"
        + "{\"$ref\":\"#/$defs/d" + i + "\"}]}";
    assertEquals(List.of(), refused(chain(64, viaAllOf)));
    assertOnly(refused(chain(65, viaAllOf)), "/inputSchema/allOf/1/$ref",
        Problem.REF_CHAIN_TOO_LONG);
    IntFunction<String> viaThen = i -> "{\"if\":true,\"then\":{\"$ref\":\"#/$defs/d" + i + "\"}}";
    assertOnly(refused(chain(65, viaThen)), "/inputSchema/then/$ref",
        Problem.REF_CHAIN_TOO_LONG);
  }

  @Test
  void aChainRestartsAtEveryStepIntoPartOfTheInstance() throws Exception {
    // each hop is a property of the one before: 200 refs, none two at the same instance location
    IntFunction<String> viaProperty = i -> "{\"type\":\"object\",\"properties\":{\"next\":"
        + "{\"$ref\":\"#/$defs/d" + i + "\"}}}";
    String schema = chain(200, viaProperty);
    assertEquals(List.of(), refused(schema));
    IntFunction<String> viaItems = i -> "{\"items\":{\"$ref\":\"#/$defs/d" + i + "\"}}";
    assertEquals(List.of(), refused(chain(200, viaItems)));
  }

  @Test
  void twoRefsPointingAtEachOtherAreACycle() throws Exception {
    assertOnly(refused("""
        {"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},"$ref":"#/$defs/a"}"""),
        "/inputSchema/$defs/a/$ref", Problem.REF_CYCLE);
  }

  @Test
  void aRefBackToItselfThroughAllOfIsACycle() throws Exception {
    assertOnly(refused("""
        {"$defs":{"a":{"allOf":[{"$ref":"#/$defs/a"}]}},"$ref":"#/$defs/a"}"""),
        "/inputSchema/$defs/a/allOf/0/$ref", Problem.REF_CYCLE);
  }

  @Test
  void aRootThatRefersToItselfIsACycle() throws Exception {
    assertOnly(refused("{\"$ref\":\"#\"}"), "/inputSchema/$ref", Problem.REF_CYCLE);
    assertOnly(refused("{\"type\":\"object\",\"$ref\":\"\"}"), "/inputSchema/$ref",
        Problem.REF_CYCLE);
    assertOnly(refused("{\"$id\":\"https://example.com/t\",\"$ref\":\"https://example.com/t\"}"),
        "/inputSchema/$ref", Problem.REF_CYCLE);
  }

  @Test
  void aCycleThroughNotOrAConditionalIsACycle() throws Exception {
    assertOnly(refused("""
        {"$defs":{"a":{"not":{"$ref":"#/$defs/a"}}},"$ref":"#/$defs/a"}"""),
        "/inputSchema/$defs/a/not/$ref", Problem.REF_CYCLE);
    for (String keyword : List.of("if", "then", "else")) {
      assertOnly(refused("{\"$defs\":{\"a\":{\"" + keyword + "\":{\"$ref\":\"#/$defs/a\"}}},"
          + "\"$ref\":\"#/$defs/a\"}"), "/inputSchema/$defs/a/" + keyword + "/$ref",
          Problem.REF_CYCLE);
    }
    for (String keyword : List.of("anyOf", "oneOf")) {
      assertOnly(refused("{\"" + keyword + "\":[{\"type\":\"string\"},{\"$ref\":\"#\"}]}"),
          "/inputSchema/" + keyword + "/1/$ref", Problem.REF_CYCLE);
    }
  }

  @Test
  void dependentSchemasApplyToTheSameInstanceSoTheyCloseACycle() throws Exception {
    assertOnly(refused("""
        {"dependentSchemas":{"k":{"$ref":"#"}}}"""),
        "/inputSchema/dependentSchemas/k/$ref", Problem.REF_CYCLE);
    assertOnly(refused("""
        {"$schema":"http://json-schema.org/draft-07/schema#",
         "dependencies":{"k":{"$ref":"#"},"j":["k"]}}"""),
        "/inputSchema/dependencies/k/$ref", Problem.REF_CYCLE);
  }

  @Test
  void anchorsAndDynamicRefsAreEdgesToo() throws Exception {
    assertOnly(refused("""
        {"$defs":{"a":{"$anchor":"x","anyOf":[{"$ref":"#x"}]}}}"""),
        "/inputSchema/$defs/a/anyOf/0/$ref", Problem.REF_CYCLE);
    assertOnly(refused("""
        {"$dynamicAnchor":"meta","allOf":[{"$dynamicRef":"#meta"}]}"""),
        "/inputSchema/allOf/0/$dynamicRef", Problem.REF_CYCLE);
    // the usual recursive meta-schema shape goes through properties, so it is fine
    assertEquals(List.of(), refused("""
        {"$dynamicAnchor":"meta","type":"object",
         "additionalProperties":{"$dynamicRef":"#meta"}}"""));
  }

  @Test
  void aCycleNobodyRefersToIsStillRefused() throws Exception {
    // a validator may compile every $defs entry eagerly; an unused cycle has no honest purpose
    assertOnly(refused("""
        {"type":"string","$defs":{"a":{"$ref":"#/$defs/a"}}}"""),
        "/inputSchema/$defs/a/$ref", Problem.REF_CYCLE);
  }

  @Test
  void aNameMapReadAsASchemaThroughAPointerCanCloseACycle() throws Exception {
    // "not" is a property name in properties, but #/properties read as a schema makes it a keyword
    assertOnly(refused("""
        {"properties":{"not":{"$ref":"#/properties"}}}"""),
        "/inputSchema/properties/not/$ref", Problem.REF_CYCLE);
  }

  @Test
  void aCycleIsReportedOnceAndNotAlsoAsALongChain() throws Exception {
    List<LeavingRef> found = refused("""
        {"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/c"},"c":{"$ref":"#/$defs/a"}},
         "allOf":[{"$ref":"#/$defs/a"},{"$ref":"#/$defs/b"}]}""");
    assertOnly(found, "/inputSchema/$defs/a/$ref", Problem.REF_CYCLE);
  }

  @Test
  void aRecursiveTreeIsAccepted() throws Exception {
    assertEquals(List.of(), refused("""
        {"$defs":{"node":{"type":"object",
           "properties":{"value":{"type":"string"},
             "children":{"type":"array","items":{"$ref":"#/$defs/node"}}}}},
         "$ref":"#/$defs/node"}"""));
    // the same through the other instance-consuming keywords
    for (String step : List.of("{\"additionalProperties\":{\"$ref\":\"#\"}}",
        "{\"patternProperties\":{\"^x\":{\"$ref\":\"#\"}}}", "{\"prefixItems\":[{\"$ref\":\"#\"}]}",
        "{\"contains\":{\"$ref\":\"#\"}}", "{\"propertyNames\":{\"$ref\":\"#\"}}",
        "{\"unevaluatedItems\":{\"$ref\":\"#\"}}", "{\"unevaluatedProperties\":{\"$ref\":\"#\"}}",
        "{\"$schema\":\"http://json-schema.org/draft-07/schema#\",\"items\":[{\"$ref\":\"#\"}],"
            + "\"additionalItems\":{\"$ref\":\"#\"}}")) {
      assertEquals(List.of(), refused(step), step);
    }
  }

  @Test
  void theFixturesDistanceToolIsAccepted() throws Exception {
    assertEquals(List.of(), refused("""
        {"type":"object","$defs":{"point":{"type":"object",
          "properties":{"x":{"type":"number"},"y":{"type":"number"}},"required":["x","y"]}},
         "properties":{"from":{"$ref":"#/$defs/point"},"to":{"$ref":"#/$defs/point"}},
         "required":["from","to"]}"""));
  }

  @Test
  void manyRefsToOneTargetAreNotAChain() throws Exception {
    // a diamond of in-place refs: each path is short, so nothing is refused
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < 500; i++) {
      all.append(i == 0 ? "" : ",").append("{\"$ref\":\"#/$defs/p\"}");
    }
    assertEquals(List.of(), refused("{\"$defs\":{\"p\":{\"type\":\"object\"}},\"allOf\":["
        + all + "]}"));
  }

  @Test
  void refsInsideAValueKeywordAreNotApplied() throws Exception {
    // const is data: a $ref inside it is judged (conservative) but never applied in place
    JsonNode tool = JSON.readTree("""
        {"name":"t","inputSchema":{"const":{"$ref":"#"}}}""");
    assertEquals(List.of(), SchemaRefs.ofTool(tool));
  }
}
