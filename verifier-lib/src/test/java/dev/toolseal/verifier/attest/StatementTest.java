package dev.toolseal.verifier.attest;

import static dev.toolseal.verifier.attest.Fixtures.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.toolseal.tlog.Hash;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StatementTest {
  private static final String HEX = "ab".repeat(32);

  private static String statement(String type, String subject, String extra) {
    return "{\"_type\":\"" + type + "\",\"subject\":" + subject
        + ",\"predicateType\":\"https://toolseal.dev/release/v1\",\"predicate\":{\"k\":[1,2.50]}"
        + extra + "}";
  }

  private static String subject(String name, String digest) {
    return "[{\"name\":\"" + name + "\",\"digest\":" + digest + "}]";
  }

  private static final String GOOD_SUBJECT = subject("a/b@1", "{\"sha256\":\"" + HEX + "\"}");

  @Test
  void parsesAndWritesJcs() throws Exception {
    Statement st = Statement.parse(utf8(statement(Statement.TYPE, GOOD_SUBJECT, "")));
    assertEquals("a/b@1", st.singleSubject().name());
    assertEquals(Hash.fromHex(HEX), st.singleSubject().sha256());
    String jcs = new String(st.toJson(), StandardCharsets.UTF_8);
    assertEquals("{\"_type\":\"https://in-toto.io/Statement/v1\",\"predicate\":{\"k\":[1,2.5]},"
        + "\"predicateType\":\"https://toolseal.dev/release/v1\",\"subject\":[{\"digest\":"
        + "{\"sha256\":\"" + HEX + "\"},\"name\":\"a/b@1\"}]}", jcs);
    assertArrayEquals(st.toJson(), Statement.parse(st.toJson()).toJson());
  }

  @Test
  void refusesAnythingElse() {
    String[] bad = {
        statement("https://in-toto.io/Statement/v0.1", GOOD_SUBJECT, ""),
        statement("https://in-toto.io/Statement/v1 ", GOOD_SUBJECT, ""),
        statement(Statement.TYPE, "[]", ""),
        statement(Statement.TYPE, GOOD_SUBJECT, ",\"extra\":true"),
        statement(Statement.TYPE, GOOD_SUBJECT, "").replace(",\"subject\":" + GOOD_SUBJECT, ""),
        statement(Statement.TYPE, GOOD_SUBJECT, "").replace("\"predicate\":{\"k\":[1,2.50]}",
            "\"predicate\":[1]"),
        statement(Statement.TYPE, subject("", "{\"sha256\":\"" + HEX + "\"}"), ""),
        statement(Statement.TYPE, subject("a", "{\"sha256\":\"" + HEX.toUpperCase() + "\"}"), ""),
        statement(Statement.TYPE, subject("a", "{\"sha256\":\"" + HEX.substring(2) + "\"}"), ""),
        statement(Statement.TYPE, subject("a", "{\"sha256\":\"" + HEX + "\",\"sha512\":\"00\"}"),
            ""),
        statement(Statement.TYPE, subject("a", "{}"), ""),
        statement(Statement.TYPE, "[{\"name\":\"a\"}]", ""),
        statement(Statement.TYPE, GOOD_SUBJECT, ",\"_type\":\"" + Statement.TYPE + "\""),
        statement(Statement.TYPE, GOOD_SUBJECT, "").replace("2.50", "1e400"),
        statement(Statement.TYPE, GOOD_SUBJECT, "").replace("\"k\"", "\"\\ud800\""),
        "{}", "[]",
    };
    for (String b : bad) {
      assertThrows(StatementFormatException.class, () -> Statement.parse(utf8(b)), b);
    }
  }
}
