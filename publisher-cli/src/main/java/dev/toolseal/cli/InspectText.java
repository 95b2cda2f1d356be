package dev.toolseal.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.manifest.VisibleText;
import java.io.PrintWriter;
import java.util.Map;

/**
 * The text form of {@code toolseal inspect}: the JSON summary as indented lines, every string
 * from the envelope with hidden characters spelled out.
 */
final class InspectText {
  private final PrintWriter out;

  InspectText(PrintWriter out) {
    this.out = out;
  }

  void print(JsonNode doc) {
    out.println(doc.path("verified").asBoolean()
        ? "signature VERIFIED for key id " + doc.path("verifiedKeyId").asText()
        : "UNVERIFIED: signatures were not checked (pass --key to check one)");
    for (Map.Entry<String, JsonNode> e : doc.properties()) {
      if (!e.getKey().startsWith("verified")) {
        print(e.getKey(), e.getValue(), "");
      }
    }
  }

  private void print(String name, JsonNode value, String indent) {
    if (value.isObject()) {
      out.println(indent + name + ":");
      value.properties().forEach(e -> print(e.getKey(), e.getValue(), indent + "  "));
    } else if (value.isArray()) {
      out.println(indent + name + ": " + (value.isEmpty() ? "(none)" : ""));
      for (JsonNode item : value) {
        if (item.isObject()) {
          out.println(indent + "  -");
          item.properties().forEach(e -> print(e.getKey(), e.getValue(), indent + "    "));
        } else {
          out.println(indent + "  - " + VisibleText.of(item.asText()));
        }
      }
    } else {
      out.println(indent + name + ": " + VisibleText.of(value.asText()));
    }
  }
}
