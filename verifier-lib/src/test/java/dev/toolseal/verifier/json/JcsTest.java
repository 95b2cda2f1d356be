package dev.toolseal.verifier.json;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.erdtman.jcs.JsonCanonicalizer;
import org.junit.jupiter.api.Test;

/**
 * {@link Jcs} writes canonical text straight from the tree; these tests hold it byte for byte to
 * erdtman's JsonCanonicalizer (which parses text), on RFC 8785 vectors and on random documents.
 */
class JcsTest {
  private static final StrictJson STRICT = new StrictJson(new JsonLimits(1 << 20, 64, 1 << 20));
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private static String erdtman(String json) throws Exception {
    return new JsonCanonicalizer(json).getEncodedString();
  }

  private static void sameAsErdtman(String json) throws Exception {
    JsonNode tree = STRICT.parse(json);
    assertEquals(erdtman(json), Jcs.canonicalText(tree), json);
    assertArrayEquals(erdtman(json).getBytes(StandardCharsets.UTF_8), Jcs.canonicalBytes(tree));
  }

  @Test
  void rfc8785Vectors() throws Exception {
    // RFC 8785 section 3.2.2 sample object and section 3.2.3 sorting example
    sameAsErdtman("{\"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, "
        + "0.000000000000000000000000001], \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042"
        + "\\u0022\\u005c\\\\\\\"\\/\", \"literals\": [null, true, false]}");
    sameAsErdtman("{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", \"\\ufb33\": "
        + "\"Hebrew Letter Dalet With Dagesh\", \"1\": \"One\", \"\\ud83d\\ude00\": "
        + "\"Emoji: Grinning Face\", \"\\u0080\": \"Control\", \"\\u00f6\": "
        + "\"Latin Small Letter O With Diaeresis\"}");
    // RFC 8785 Appendix B, the finite samples (as literals with a fraction or exponent)
    for (String n : List.of("0.0", "-0.0", "5e-324", "-5e-324", "1.7976931348623157e308",
        "9007199254740992", "-9007199254740992", "295147905179352830000", "9.999999999999997e22",
        "1e23", "1.0000000000000001e23", "1e21", "1e-7", "0.000001", "333333333.3333333",
        "1e+30", "4.5", "0.002", "1e-27")) {
      sameAsErdtman("[" + n + "]");
    }
  }

  @Test
  void randomDocumentsMatchErdtman() throws Exception {
    Random r = new Random(8785);
    for (int i = 0; i < 3000; i++) {
      JsonNode doc = randomContainer(r, 0);
      String text = doc.toString();
      sameAsErdtman(text);
    }
  }

  private static JsonNode randomContainer(Random r, int depth) {
    if (r.nextBoolean()) {
      ObjectNode o = F.objectNode();
      int n = r.nextInt(5);
      for (int i = 0; i < n; i++) {
        o.set(randomString(r), randomValue(r, depth + 1));
      }
      return o;
    }
    var a = F.arrayNode();
    int n = r.nextInt(5);
    for (int i = 0; i < n; i++) {
      a.add(randomValue(r, depth + 1));
    }
    return a;
  }

  private static JsonNode randomValue(Random r, int depth) {
    switch (r.nextInt(depth > 4 ? 6 : 8)) {
      case 0: return F.textNode(randomString(r));
      case 1: return F.numberNode(r.nextLong() >> (11 + r.nextInt(53))); // within 2^53
      case 2: return F.numberNode(new BigDecimal(BigInteger.valueOf(r.nextLong()),
          r.nextBoolean() ? 1 + r.nextInt(30) : -1 - r.nextInt(30))); // fraction or exponent
      case 3: return F.numberNode(Double.longBitsToDouble(r.nextLong() & 0x7fefffffffffffffL));
      case 4: return r.nextBoolean() ? F.booleanNode(r.nextBoolean()) : F.nullNode();
      case 5: return F.textNode("");
      default: return randomContainer(r, depth);
    }
  }

  private static String randomString(Random r) {
    String alphabet = "aZ09 \"\\/\b\f\n\r\t\u0000\u0001\u001f\u007f\u0080\u00e9\u200e\u2028\u20ac"
        + "\ufb33\ufeff\uffff";
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(8);
    for (int i = 0; i < n; i++) {
      if (r.nextInt(8) == 0) {
        sb.appendCodePoint(0x10000 + r.nextInt(0xFFFFF));
      } else {
        sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
      }
    }
    return sb.toString();
  }

  @Test
  void scalarsAreCanonicalToo() {
    assertEquals("\"a\\u001fb\\\\\"", Jcs.canonicalText(F.textNode("a\u001fb\\")));
    assertEquals("1e+21", Jcs.canonicalText(F.numberNode(new BigDecimal("1E21"))));
    assertEquals("100", Jcs.canonicalText(F.numberNode(1e2)));
    assertEquals("null", Jcs.canonicalText(F.nullNode()));
  }

  @Test
  void treesJcsWouldChangeAreRefused() {
    for (JsonNode bad : List.of(F.textNode("x\ud800"), F.textNode("\udc00x"),
        F.numberNode(Double.NaN), F.numberNode(Double.POSITIVE_INFINITY),
        F.numberNode(9007199254740993L), F.numberNode(new BigInteger("18446744073709551617")),
        F.numberNode(new BigDecimal("1e-400")), F.numberNode(new BigDecimal("1e400")),
        F.binaryNode(new byte[] {1}), F.pojoNode(new Object()), F.missingNode())) {
      ObjectNode o = F.objectNode();
      o.set("v", bad);
      assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalText(o), bad::toString);
    }
    ObjectNode key = F.objectNode();
    key.put("\ud800", 1);
    assertThrows(IllegalArgumentException.class, () -> Jcs.canonicalText(key));
  }

  @Test
  void sha256IsOfTheCanonicalBytes() throws Exception {
    JsonNode a = STRICT.parse("{ \"b\" : [1.0, \"\\u00e9\"], \"a\": {\"y\": 1, \"x\": 2} }");
    assertEquals(Jcs.sha256("{\"a\":{\"x\":2,\"y\":1},\"b\":[1,\"\u00e9\"]}"
        .getBytes(StandardCharsets.UTF_8)), Jcs.sha256(a));
  }
}
