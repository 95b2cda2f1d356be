package dev.toolseal.verifier.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which URIs a resource template can produce, as the gate decides an unlisted resource read. */
class UriTemplatesTest {

  private record Row(String template, String uri, boolean matches) {}

  @Test
  void eachOperatorProducesOnlyItsShapeOfUri() {
    List<Row> rows = List.of(
        new Row("weather://{city}", "weather://oslo", true),
        new Row("weather://{city}", "weather://", true),
        new Row("weather://{city}", "weather://oslo/extra", false),
        new Row("weather://{city}", "weather://oslo?x=1", false),
        new Row("weather://{city}", "file:///etc/passwd", false),
        new Row("weather://{city}", "weather://oslo/../../etc/passwd", false),
        new Row("weather://{city}", "WEATHER://oslo", false),
        new Row("repo://{owner}/{name}", "repo://acme/tools", true),
        new Row("repo://{owner}/{name}", "repo://acme/tools/x", false),
        new Row("file://{+path}", "file:///home/me/notes.txt", true),
        new Row("file://{+path}", "file:///home/me/../../etc/passwd", false),
        new Row("file://{+path}", "file:///home/me/%2e%2e/x", false),
        new Row("docs://x{#section}", "docs://x#intro", true),
        new Row("docs://x{#section}", "docs://xy", false),
        new Row("api://items{?page,size}", "api://items?page=2&size=10", true),
        new Row("api://items{?page,size}", "api://items", true),
        new Row("api://items{?page,size}", "api://items/2", false),
        new Row("api://items{?page}{&size}", "api://items?page=1&size=2", true),
        new Row("api://x{/a,b}", "api://x/1/2", true),
        new Row("api://x{/a,b}", "api://x?1", false),
        new Row("api://x{.ext}", "api://x.json", true),
        new Row("api://x{;p}", "api://x;p=1", true),
        new Row("memo://{id}.md", "memo://a.md", true),
        new Row("memo://{id}.md", "memo://a.txt", false),
        new Row("a.b://{x}", "aXb://y", false), // literal text is literal, not a pattern
        new Row("broken://{city", "broken://{city", false),
        new Row("broken://city}", "broken://city}", false),
        new Row("broken://{}", "broken://", false),
        new Row("broken://{{x}}", "broken://y", false));
    for (Row row : rows) {
      assertEquals(row.matches(), UriTemplates.matches(row.template(), row.uri()),
          row::toString);
    }
  }

  @Test
  void aTemplateWithoutExpressionsMatchesOnlyItself() {
    assertTrue(UriTemplates.matches("memo://readme", "memo://readme"));
    assertFalse(UriTemplates.matches("memo://readme", "memo://readme2"));
    assertTrue(UriTemplates.pattern("x{").isEmpty());
  }
}
