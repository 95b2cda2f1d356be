package dev.toolseal.verifier.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.verifier.json.JsonFormatException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StrictJsonTest {
  private static final StrictJson STRICT = new StrictJson(new JsonLimits(64, 3, 8));

  private static JsonFormatException refused(String json) {
    return assertThrows(JsonFormatException.class, () -> STRICT.parse(json), json);
  }

  @Test
  void everyRefusalHasItsReason() {
    Map<String, Reason> cases = Map.ofEntries(
        Map.entry("", Reason.MALFORMED_JSON),
        Map.entry("{", Reason.MALFORMED_JSON),
        Map.entry("[1] [2]", Reason.MALFORMED_JSON),
        Map.entry("[01]", Reason.MALFORMED_JSON),
        Map.entry("[NaN]", Reason.MALFORMED_JSON),
        Map.entry("{\"a\":1,\"a\":2}", Reason.DUPLICATE_KEY),
        Map.entry("[[[[1]]]]", Reason.TOO_DEEP),
        Map.entry("[\"" + "x".repeat(80) + "\"]", Reason.TOO_LARGE),
        Map.entry("[\"123456789\"]", Reason.TOO_LONG),
        Map.entry("[\"\\ud800\"]", Reason.LONE_SURROGATE),
        Map.entry("{\"\\udc00\":1}", Reason.LONE_SURROGATE),
        Map.entry("[\"\ud800\"]", Reason.LONE_SURROGATE),
        Map.entry("[9007199254740993]", Reason.UNSAFE_NUMBER),
        Map.entry("[1e-400]", Reason.UNSAFE_NUMBER),
        Map.entry("[1e400]", Reason.UNSAFE_NUMBER),
        Map.entry("[1e2147483648]", Reason.UNSAFE_NUMBER));
    cases.forEach((json, reason) -> assertEquals(reason, refused(json).reason(), json));
  }

  @Test
  void pointerNamesTheValue() {
    assertEquals("/a~1b/1", refused("{\"a/b\":[0,1e-400]}").pointer());
  }

  @Test
  void invalidUtf8IsRefused() {
    for (byte[] bad : new byte[][] {{'[', '"', (byte) 0xff, '"', ']'},
        {'[', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', ']'},
        {'[', '"', (byte) 0xc0, (byte) 0xaf, '"', ']'}}) {
      assertEquals(Reason.MALFORMED_JSON,
          assertThrows(JsonFormatException.class, () -> STRICT.parse(bad)).reason());
    }
  }

  @Test
  void acceptedTreesAlwaysHaveACanonicalForm() throws Exception {
    for (String ok : new String[] {"[18446744073709552000]", "[1.5e300]", "[-0]", "[1E2]",
        "{\"\ud83d\ude00\":\"\u00e9\"}", "[1e-7]"}) {
      StrictJson roomy = new StrictJson(new JsonLimits(1024, 8, 1024));
      String canonical = Jcs.canonicalText(roomy.parse(ok));
      assertTrue(!canonical.isEmpty());
      assertEquals(canonical, Jcs.canonicalText(
          roomy.parse(canonical.getBytes(StandardCharsets.UTF_8))), ok);
    }
  }
}
