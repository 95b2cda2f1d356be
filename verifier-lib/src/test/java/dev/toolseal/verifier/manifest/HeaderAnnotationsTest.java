package dev.toolseal.verifier.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code x-mcp-header} annotations (MCP 2026-07-28): a tool whose annotations break the rules a
 * client must drop it for is refused like one whose schema refers outside itself.
 */
class HeaderAnnotationsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<String> problems(String inputSchema) throws Exception {
    JsonNode tool = JSON.readTree("{\"name\":\"t\",\"inputSchema\":" + inputSchema + "}");
    return SchemaRefs.ofTool(tool).stream()
        .filter(r -> r.problem() == SchemaRefs.Problem.HEADER_ANNOTATION)
        .map(SchemaRefs.LeavingRef::pointer).toList();
  }

  @Test
  void theSpecsExampleAndNestedPropertiesAreFine() throws Exception {
    assertEquals(List.of(), problems("""
        {"type":"object","properties":{
          "region":{"type":"string","x-mcp-header":"Region"},
          "query":{"type":"string"},
          "opts":{"type":"object","properties":{"tenant":{"type":"integer","x-mcp-header":"Tenant-Id"},
                                                "dry":{"type":"boolean","x-mcp-header":"Dry_Run.v2"}}}}}"""));
  }

  @Test
  void aHeaderNameThatIsNotATokenIsRefused() throws Exception {
    // CR LF would let a naive client write a header of the server's choosing
    assertEquals(List.of("/inputSchema/properties/a/x-mcp-header"), problems("""
        {"type":"object","properties":{"a":{"type":"string","x-mcp-header":"X\\r\\nSet-Cookie: s=1"}}}"""));
    for (String bad : new String[] {"", "with space", "colon:", "ünïcode", "a\\u0000b"}) {
      assertEquals(List.of("/inputSchema/properties/a/x-mcp-header"), problems(
          "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\",\"x-mcp-header\":\""
              + bad + "\"}}}"), bad);
    }
    assertEquals(List.of("/inputSchema/properties/a/x-mcp-header"), problems("""
        {"type":"object","properties":{"a":{"type":"string","x-mcp-header":7}}}"""));
  }

  @Test
  void anAnnotationOffTheStaticPathIsRefused() throws Exception {
    assertEquals(List.of("/inputSchema/properties/list/items/x-mcp-header"), problems("""
        {"type":"object","properties":{"list":{"type":"array",
          "items":{"type":"string","x-mcp-header":"Item"}}}}"""));
    assertEquals(List.of("/inputSchema/anyOf/0/properties/a/x-mcp-header"), problems("""
        {"type":"object","anyOf":[{"properties":{"a":{"type":"string","x-mcp-header":"A"}}}]}"""));
    assertEquals(List.of("/inputSchema/$defs/d/x-mcp-header"), problems("""
        {"type":"object","$defs":{"d":{"type":"string","x-mcp-header":"D"}},
         "properties":{"a":{"$ref":"#/$defs/d"}}}"""));
    assertEquals(List.of("/inputSchema/x-mcp-header"), problems("""
        {"type":"string","x-mcp-header":"Root"}"""));
    // a property named x-mcp-header is a name, not an annotation; data keywords are data
    assertEquals(List.of(), problems("""
        {"type":"object","properties":{"x-mcp-header":{"type":"string"}},
         "default":{"x-mcp-header":"not an annotation"}}"""));
  }

  @Test
  void onlyStringIntegerAndBooleanPropertiesAndNoDuplicates() throws Exception {
    assertEquals(List.of("/inputSchema/properties/n/x-mcp-header"), problems("""
        {"type":"object","properties":{"n":{"type":"number","x-mcp-header":"N"}}}"""));
    assertEquals(List.of("/inputSchema/properties/o/x-mcp-header"), problems("""
        {"type":"object","properties":{"o":{"type":["string","null"],"x-mcp-header":"O"}}}"""));
    List<String> dup = problems("""
        {"type":"object","properties":{"a":{"type":"string","x-mcp-header":"Region"},
                                       "b":{"type":"string","x-mcp-header":"REGION"}}}""");
    assertEquals(1, dup.size(), dup::toString);
  }
}
