package dev.toolseal.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;

/** The one JSON document a command writes to stdout under {@code --output json}. */
final class JsonOutput {
  static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private JsonOutput() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static ArrayNode array() {
    return MAPPER.createArrayNode();
  }

  /** Writes {@code doc}, pretty-printed, and a newline. */
  static void print(PrintWriter out, JsonNode doc) {
    try {
      out.println(MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(doc));
      out.flush();
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }
}
