package dev.toolseal.verifier.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toolseal.verifier.manifest.ManifestException.Reason;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * RFC 8785 (JSON Canonicalization Scheme) test vectors, run through our strict reader and the
 * canonicalizer. Values are from RFC 8785 section 3.2.2 (sample object), 3.2.3 (sorting) and
 * Appendix B (number serialization samples).
 */
class JcsVectorsTest {
  private static final StrictJson STRICT = new StrictJson(ManifestLimits.DEFAULT);

  private static String canonical(String json) throws ManifestException {
    return Jcs.canonical(STRICT.parse(json, "test"));
  }

  @Test
  void rfc8785SampleObject() throws ManifestException {
    // RFC 8785 section 3.2.2
    String input = "{\n  \"numbers\": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],\n"
        + "  \"string\": \"\\u20ac$\\u000F\\u000aA'\\u0042\\u0022\\u005c\\\\\\\"\\/\",\n"
        + "  \"literals\": [null, true, false]\n}";
    String expected = "{\"literals\":[null,true,false],\"numbers\":[333333333.3333333,1e+30,4.5,0.002,"
        + "1e-27],\"string\":\"\u20ac$\\u000f\\nA'B\\\"\\\\\\\\\\\"/\"}";
    assertEquals(expected, canonical(input));
    // RFC 8785 section 3.2.4: the UTF-8 bytes start 7b 22 6c 69 74 65 72 61 6c 73 22 3a
    byte[] utf8 = canonical(input).getBytes(StandardCharsets.UTF_8);
    assertEquals("7b226c69746572616c73223a", HexFormat.of().formatHex(utf8, 0, 12));
  }

  @Test
  void rfc8785PropertySorting() throws ManifestException {
    // RFC 8785 section 3.2.3: members sorted by UTF-16 code units
    String input = "{\"\\u20ac\": \"Euro Sign\", \"\\r\": \"Carriage Return\", \"\\ufb33\": \"Hebrew "
        + "Letter Dalet With Dagesh\", \"1\": \"One\", \"\\ud83d\\ude00\": \"Emoji: Grinning Face\", "
        + "\"\\u0080\": \"Control\", \"\\u00f6\": \"Latin Small Letter O With Diaeresis\"}";
    String expected = "{\"\\r\":\"Carriage Return\",\"1\":\"One\",\"\u0080\":\"Control\",\"\u00f6\":"
        + "\"Latin Small Letter O With Diaeresis\",\"\u20ac\":\"Euro Sign\",\"\uD83D\uDE00\":\"Emoji: "
        + "Grinning Face\",\"\ufb33\":\"Hebrew Letter Dalet With Dagesh\"}";
    assertEquals(expected, canonical(input));
  }

  // RFC 8785 Appendix B: IEEE 754 bit patterns and their canonical text
  @ParameterizedTest
  @CsvSource({
    "0000000000000000, 0",
    "8000000000000000, 0",
    "0000000000000001, 5e-324",
    "8000000000000001, -5e-324",
    "7fefffffffffffff, 1.7976931348623157e+308",
    "ffefffffffffffff, -1.7976931348623157e+308",
    "4340000000000000, 9007199254740992",
    "c340000000000000, -9007199254740992",
    "4430000000000000, 295147905179352830000",
    "44b52d02c7e14af5, 9.999999999999997e+22",
    "44b52d02c7e14af6, 1e+23",
    "44b52d02c7e14af7, 1.0000000000000001e+23",
    "444b1ae4d6e2ef4e, 999999999999999700000",
    "444b1ae4d6e2ef4f, 999999999999999900000",
    "444b1ae4d6e2ef50, 1e+21",
    "3eb0c6f7a0b5ed8c, 9.999999999999997e-7",
    "3eb0c6f7a0b5ed8d, 0.000001",
    "41b3de4355555553, 333333333.3333332",
    "41b3de4355555554, 333333333.33333325",
    "41b3de4355555555, 333333333.3333333",
    "41b3de4355555556, 333333333.3333334",
    "41b3de4355555557, 333333333.33333343",
    "becbf647612f3696, -0.0000033333333333333333",
    "43143ff3c1cb0959, 1424953923781206.2"
  })
  void rfc8785NumberSamples(String ieeeHex, String expected) throws ManifestException {
    double d = Double.longBitsToDouble(Long.parseUnsignedLong(ieeeHex, 16));
    assertEquals("[" + expected + "]", canonical("[" + d + "]"));
    // the canonical text reads back to itself
    assertEquals("[" + expected + "]", canonical("[" + expected + "]"));
  }

  @ParameterizedTest
  @CsvSource({
    "1e30, 1e+30", "4.50, 4.5", "-0, 0", "-0.0, 0", "0.000001, 0.000001", "1e-7, 1e-7",
    "1E+30, 1e+30", "1e21, 1e+21", "1e20, 100000000000000000000", "100, 100", "0.1, 0.1",
    "-9007199254740991, -9007199254740991", "9007199254740992, 9007199254740992",
    "18446744073709552000, 18446744073709552000", "1000000000000000000000, 1e+21"
  })
  void numbersWeAccept(String literal, String expected) throws ManifestException {
    assertEquals("[" + expected + "]", canonical("[" + literal + "]"));
  }

  /** Numbers JCS would silently change: refused by the strict reader. */
  @ParameterizedTest
  @CsvSource({"9007199254740993", "-9007199254740993", "18446744073709551616",
      "12345678901234567890", "1e400", "-1e400", "1e-400", "1e2147483648", "1e-2147483649",
      "0e99999999999", "-1e-99999999999", "123456789e-2147483647", "1e+2147483647"})
  void numbersJcsWouldMangleAreRefused(String literal) {
    ManifestException e = assertThrows(ManifestException.class,
        () -> canonical("{\"n\":[" + literal + "]}"));
    assertEquals(Reason.UNSAFE_NUMBER, e.reason());
    assertEquals("/n/0", e.pointer());
  }

  @Test
  void stringEscaping() throws ManifestException {
    // RFC 8785 section 3.2.2.2: only ", \ and controls are escaped; \b \t \n \f \r are short
    // forms, other controls are lower-case six-character escapes, everything else (U+007F, U+200E, ...) is raw.
    assertEquals("[\"\\b\\t\\n\\f\\r\\u0000\\u001f\\\"\\\\/\u007f\u200e\uDB40\uDC41\"]",
        canonical("[\"\\u0008\\u0009\\u000A\\u000c\\u000D\\u0000\\u001F\\u0022\\u005C\\/"
            + "\\u007f\\u200E\\uDB40\\uDC41\"]"));
  }

  @Test
  void noUnicodeNormalisation() throws ManifestException {
    // U+00E9 and e + U+0301 look the same and stay different
    assertEquals("[\"\u00e9\"]", canonical("[\"\\u00e9\"]"));
    assertEquals("[\"e\u0301\"]", canonical("[\"e\\u0301\"]"));
  }
}
