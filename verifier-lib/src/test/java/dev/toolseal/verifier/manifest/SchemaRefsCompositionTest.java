package dev.toolseal.verifier.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  private static JsonNode tool(String inputSchema) throws Exception {
    return JSON.readTree("{\"name\":\"t\",\"inputSchema\":" + inputSchema + "}");
  }

  private static List<LeavingRef> refused(String inputSchema) throws Exception {
    return SchemaRefs.ofTool(tool(inputSchema));
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
  void longChainsAndCyclesAreFoundWithoutRecursionInLinearTime() throws Exception {
    // 9,000 hops: far past the bound and deeper than a recursive walk could go on a small stack
    long started = System.nanoTime();
    List<LeavingRef> chain = refused(chain(9_000, SchemaRefsCompositionTest::direct));
    assertOnly(chain, "/inputSchema/$ref", Problem.REF_CHAIN_TOO_LONG);
    assertTrue(chain.get(0).detail().contains("9000 references"), chain::toString);
    StringBuilder ring = new StringBuilder();
    for (int i = 0; i < 3_000; i++) {
      ring.append(i == 0 ? "" : ",").append("\"d").append(i).append("\":{\"allOf\":[{\"$ref\":"
          + "\"#/$defs/d").append((i + 1) % 3_000).append("\"}]}");
    }
    assertOnly(refused("{\"$defs\":{" + ring + "}}"), "/inputSchema/$defs/d0/allOf/0/$ref",
        Problem.REF_CYCLE);
    assertTrue(System.nanoTime() - started < 10_000_000_000L, "took too long");
  }

  @Test
  void theBoundsComeFromManifestLimits() throws Exception {
    ManifestLimits three = ManifestLimits.DEFAULT.withSchemaBounds(10_000, 3);
    JsonNode ok = tool(chain(3, SchemaRefsCompositionTest::direct));
    JsonNode over = tool(chain(4, SchemaRefsCompositionTest::direct));
    assertEquals(List.of(), SchemaRefs.ofTool(ok, three));
    assertOnly(SchemaRefs.ofTool(over, three), "/inputSchema/$ref", Problem.REF_CHAIN_TOO_LONG);
    assertEquals(List.of(), SchemaRefs.ofTool(over));
    // the same tool has 6 objects: $defs, d1 to d4 and the root
    ManifestLimits five = ManifestLimits.DEFAULT.withSchemaBounds(5, 64);
    assertEquals(Problem.TOO_LARGE, SchemaRefs.ofTool(over, five).get(0).problem());
    assertEquals(List.of(), SchemaRefs.ofTool(over, five.withSchemaBounds(6, 64)));
    // the four-number constructor keeps the default schema bounds
    ManifestLimits old = new ManifestLimits(1000, 100, 64, 1000);
    assertEquals(ManifestLimits.DEFAULT_MAX_SUBSCHEMAS, old.maxSubschemas());
    assertEquals(ManifestLimits.DEFAULT_MAX_REF_CHAIN, old.maxRefChain());
    assertEquals(10_000, ManifestLimits.DEFAULT.maxSubschemas());
    assertEquals(64, ManifestLimits.DEFAULT.maxRefChain());
    assertThrows(IllegalArgumentException.class, () -> old.withSchemaBounds(0, 64));
    assertThrows(IllegalArgumentException.class, () -> old.withSchemaBounds(10, 0));
  }

  @Test
  void anAnchorDefinedTwiceIsNotATargetAtAll() throws Exception {
    // which of the two a validator picks is not fixed by the signed bytes
    assertOnly(refused("""
        {"$defs":{"a":{"$anchor":"x","type":"string"},"b":{"$dynamicAnchor":"x"}},
         "$ref":"#x"}"""), "/inputSchema/$ref", Problem.MALFORMED);
    // both on one object is one target
    assertEquals(List.of(), refused("""
        {"$defs":{"a":{"$anchor":"x","$dynamicAnchor":"x","type":"string"}},"$ref":"#x"}"""));
  }

  @Test
  void aRefToABooleanSchemaIsOneHop() throws Exception {
    IntFunction<String> toTrue = i -> "{\"$ref\":\"#/$defs/d" + i + "\"}";
    String at64 = chain(64, toTrue).replace("\"d64\":{\"type\":\"string\"}", "\"d64\":true");
    assertEquals(List.of(), refused(at64));
    String at65 = chain(65, toTrue).replace("\"d65\":{\"type\":\"string\"}", "\"d65\":false");
    assertOnly(refused(at65), "/inputSchema/$ref", Problem.REF_CHAIN_TOO_LONG);
  }

  @Test
  void aDiamondOfRefsThatAppliesTooManySchemasAtOneLocationIsTooLarge() throws Exception {
    // each level applies the next one twice: 2^n schemas at the root's location, n hops deep
    IntFunction<String> twice = i -> "{\"allOf\":[{\"$ref\":\"#/$defs/d" + i + "\"},"
        + "{\"$ref\":\"#/$defs/d" + i + "\"}]}";
    List<LeavingRef> found = refused(chain(40, twice));
    assertOnly(found, "/inputSchema", Problem.TOO_LARGE);
    // 2^12 paths, each a few schemas: under 10,000; 2^13 paths: over
    assertEquals(List.of(), refused(chain(11, twice)));
    assertOnly(refused(chain(13, twice)), "/inputSchema", Problem.TOO_LARGE);
    // the bound is ManifestLimits.maxSubschemas
    ManifestLimits small = ManifestLimits.DEFAULT.withSchemaBounds(100, 64);
    assertOnly(SchemaRefs.ofTool(tool(chain(6, twice)), small), "/inputSchema",
        Problem.TOO_LARGE);
  }

  @Test
  void refsInsideAValueKeywordAreNotApplied() throws Exception {
    // const is data: a $ref inside it is judged (conservative) but never applied in place
    JsonNode tool = JSON.readTree("""
        {"name":"t","inputSchema":{"const":{"$ref":"#"}}}""");
    assertEquals(List.of(), SchemaRefs.ofTool(tool));
  }
}
