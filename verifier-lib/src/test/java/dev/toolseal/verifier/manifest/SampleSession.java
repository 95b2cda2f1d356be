package dev.toolseal.verifier.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A small but complete recorded MCP session (two pages of tools, prompts, resources, templates),
 * held as mutable Jackson trees so tests can change one thing and rebuild the raw JSON.
 */
final class SampleSession {
  static final ObjectMapper JSON = JsonMapper.builder().build();
  static final ServerRef SERVER = new ServerRef("io.github.acme/weather", "1.2.0");

  ObjectNode client = obj("""
      {"roots": {"listChanged": true}, "sampling": {}}""");
  ObjectNode initialize = obj("""
      {"protocolVersion": "2025-06-18",
       "capabilities": {"tools": {"listChanged": true}, "prompts": {}, "resources": {}},
       "serverInfo": {"name": "weather", "title": "Acme Weather", "version": "1.2.0"},
       "instructions": "Use get_forecast for weather questions."}""");
  List<ObjectNode> toolPages = new ArrayList<>(List.of(obj("""
      {"tools": [
        {"name": "add", "title": "Add", "description": "Adds two numbers.",
         "inputSchema": {"type": "object",
           "properties": {"a": {"type": "number", "description": "first"},
                          "b": {"type": "number", "description": "second"}},
           "required": ["a", "b"]},
         "outputSchema": {"type": "object", "properties": {"sum": {"type": "number"}}},
         "annotations": {"readOnlyHint": true, "destructiveHint": false},
         "_meta": {"io.github.acme/owner": "math-team"}},
        {"name": "echo", "description": "Echoes text.",
         "inputSchema": {"type": "object", "properties": {"text": {"type": "string"}}}}
       ],
       "nextCursor": "page-2"}"""), obj("""
      {"tools": [
        {"name": "get_forecast", "description": "Forecast for a location, in °C.",
         "icons": [{"src": "https://acme.example/sun.png", "mimeType": "image/png"}],
         "inputSchema": {"type": "object",
           "properties": {"location": {"type": "object",
             "properties": {"lat": {"type": "number", "minimum": -90, "maximum": 90},
                            "lon": {"type": "number", "minimum": -180, "maximum": 180}},
             "required": ["lat", "lon"]},
             "days": {"type": "integer", "default": 3}},
           "required": ["location"]}}
       ]}""")));
  List<ObjectNode> promptPages = new ArrayList<>(List.of(obj("""
      {"prompts": [
        {"name": "daily_report", "description": "A daily weather report.",
         "arguments": [{"name": "city", "required": true}]},
        {"name": "alert", "description": "Severe weather alert."}]}""")));
  List<ObjectNode> resourcePages = new ArrayList<>(List.of(obj("""
      {"resources": [
        {"uri": "file:///data/stations.csv", "name": "stations", "mimeType": "text/csv"},
        {"uri": "https://acme.example/readme", "name": "readme", "size": 1024}]}""")));
  List<ObjectNode> templatePages = new ArrayList<>(List.of(obj("""
      {"resourceTemplates": [
        {"uriTemplate": "weather://{city}/today", "name": "today"}]}""")));

  /** The modern-era counterpart of {@link #initialize}: a raw {@code server/discover} result. */
  ObjectNode discover = obj("""
      {"supportedVersions": ["2026-07-28"],
       "capabilities": {"tools": {"listChanged": true}, "prompts": {}, "resources": {}},
       "instructions": "Use get_forecast for weather questions.",
       "resultType": "complete", "ttlMs": 0, "cacheScope": "private",
       "_meta": {"io.modelcontextprotocol/serverInfo":
                   {"name": "weather", "title": "Acme Weather", "version": "1.2.0"}}}""");

  static ObjectNode obj(String json) {
    try {
      return (ObjectNode) JSON.readTree(json);
    } catch (Exception e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** The tool object called {@code name}, wherever it is. */
  ObjectNode tool(String name) {
    for (ObjectNode page : toolPages) {
      for (JsonNode t : page.get("tools")) {
        if (t.get("name").textValue().equals(name)) {
          return (ObjectNode) t;
        }
      }
    }
    throw new IllegalArgumentException("no tool " + name);
  }

  ArrayNode tools(int page) {
    return (ArrayNode) toolPages.get(page).get("tools");
  }

  RawSession raw() {
    return raw(JsonNode::toString);
  }

  /** The session with every JSON text produced by {@code writer}. */
  RawSession raw(Function<JsonNode, String> writer) {
    return new RawSession(SERVER, writer.apply(client), writer.apply(initialize),
        toolPages.stream().map(writer).toList(), promptPages.stream().map(writer).toList(),
        resourcePages.stream().map(writer).toList(), templatePages.stream().map(writer).toList());
  }

  /**
   * The same lists recorded from a modern server: each page as a modern server sends it, with
   * {@code resultType}, {@code ttlMs}, {@code cacheScope} and the server identity of {@link
   * #discover} in {@code _meta}.
   */
  RawSession rawModern() {
    Function<ObjectNode, String> page = p -> {
      ObjectNode copy = p.deepCopy();
      copy.put("resultType", "complete").put("ttlMs", 60000).put("cacheScope", "public");
      copy.putObject("_meta").set("io.modelcontextprotocol/serverInfo",
          discover.path("_meta").path("io.modelcontextprotocol/serverInfo").deepCopy());
      return copy.toString();
    };
    return RawSession.modern(SERVER, client.toString(), "2026-07-28", discover.toString(),
        toolPages.stream().map(page).toList(), promptPages.stream().map(page).toList(),
        resourcePages.stream().map(page).toList(), templatePages.stream().map(page).toList());
  }

  ToolManifest modernManifest() throws ManifestException {
    return new ManifestAssembler().assemble(rawModern());
  }

  ToolManifest manifest() throws ManifestException {
    return new ManifestAssembler().assemble(raw());
  }

  /** Pretty-printed with indentation. */
  static String pretty(JsonNode node) {
    try {
      return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** A deep copy with the members of every object in reverse order. */
  static JsonNode reversedKeys(JsonNode node) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
      ObjectNode out = JSON.createObjectNode();
      for (int i = members.size() - 1; i >= 0; i--) {
        out.set(members.get(i).getKey(), reversedKeys(members.get(i).getValue()));
      }
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JSON.createArrayNode();
      node.forEach(e -> out.add(reversedKeys(e)));
      return out;
    }
    return node;
  }
}
