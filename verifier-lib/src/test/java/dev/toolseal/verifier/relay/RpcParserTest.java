package dev.toolseal.verifier.relay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class RpcParserTest {
  private static RpcParser.Parsed parse(String s) throws RpcFormatException {
    return RpcParser.parse(s.getBytes(StandardCharsets.UTF_8));
  }

  private static int code(String s) {
    return assertThrows(RpcFormatException.class, () -> parse(s), s).code();
  }

  @Test
  void classifiesTheThreeShapes() throws Exception {
    RpcMessage req = parse("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\"}")
        .messages().get(0);
    assertEquals(RpcMessage.Kind.REQUEST, req.kind());
    assertEquals("n:7", req.id().get().key());
    assertEquals(RpcMessage.Kind.NOTIFICATION, parse("{\"jsonrpc\":\"2.0\",\"method\":\"x\"}")
        .messages().get(0).kind());
    assertEquals(RpcMessage.Kind.RESPONSE, parse("{\"jsonrpc\":\"2.0\",\"id\":\"7\","
        + "\"result\":{}}").messages().get(0).kind());
    assertTrue(parse("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":1}}").messages()
        .get(0).id().get().isNull());
  }

  @Test
  void stringAndNumberIdsDiffer() throws Exception {
    assertTrue(!parse("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1}").messages().get(0).id()
        .equals(parse("{\"jsonrpc\":\"2.0\",\"id\":\"1\",\"result\":1}").messages().get(0).id()));
  }

  @Test
  void keepsNumbersExactlyWhenWrittenBack() throws Exception {
    String line = "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"params\":{\"a\":1.10,"
        + "\"b\":123456789012345678901234567890,\"c\":0.1000000000000000000001}}";
    assertEquals(line, new String(parse(line).messages().get(0).bytes(), StandardCharsets.UTF_8));
  }

  @Test
  void refusesWhatIsNotStrictJson() {
    for (String s : List.of("{", "{}x", "{\"jsonrpc\":\"2.0\",\"method\":\"a\",\"method\":\"b\"}",
        "{'jsonrpc':'2.0'}", "\"\\udc00\"", "{\"jsonrpc\":\"2.0\",\"method\":\"m\",\"\\ud800\":1}",
        "[".repeat(300) + "]".repeat(300), "NaN", "")) {
      assertEquals(RpcFormatException.PARSE_ERROR, code(s), s);
    }
    assertThrows(RpcFormatException.class, () -> RpcParser.parse(new byte[] {'"', (byte) 0xC3,
        '"'}));
  }

  @Test
  void refusesWhatIsNotAnMcpMessage() {
    for (String s : List.of("1", "[]", "{}", "{\"jsonrpc\":\"1.0\",\"method\":\"m\"}",
        "{\"jsonrpc\":\"2.0\",\"method\":7}", "{\"jsonrpc\":\"2.0\",\"id\":true,\"method\":\"m\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"m\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":null,\"method\":\"m\"}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"m\",\"params\":[]}",
        "{\"jsonrpc\":\"2.0\",\"id\":1}", "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":1,\"error\":{}}",
        "{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":5}", "{\"jsonrpc\":\"2.0\",\"result\":1}",
        "[1]")) {
      assertEquals(RpcFormatException.INVALID_REQUEST, code(s), s);
    }
  }

  @Test
  void batchesAreBounded() throws Exception {
    String one = "{\"jsonrpc\":\"2.0\",\"method\":\"m\"}";
    assertEquals(RpcParser.MAX_BATCH, parse("[" + String.join(",",
        java.util.Collections.nCopies(RpcParser.MAX_BATCH, one)) + "]").messages().size());
    assertEquals(RpcFormatException.INVALID_REQUEST, code("[" + String.join(",",
        java.util.Collections.nCopies(RpcParser.MAX_BATCH + 1, one)) + "]"));
  }

  @Test
  void linesAreBoundedAndFramedByNewlines() throws Exception {
    String input = "ab\r\n\n  \ncdefgh\nij";
    LineReader r = new LineReader(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
        4);
    assertEquals("ab", new String(r.next().bytes(), StandardCharsets.UTF_8));
    assertTrue(r.next().tooLong());
    assertEquals("ij", new String(r.next().bytes(), StandardCharsets.UTF_8));
    assertEquals(null, r.next());
    for (int n = 1; n <= 10; n++) { // every length around the bound, and CR right at it
      byte[] line = ("x".repeat(n) + "\r\nok\n").getBytes(StandardCharsets.UTF_8);
      LineReader lr = new LineReader(new ByteArrayInputStream(line), 4);
      LineReader.Line first = lr.next();
      assertEquals(n > 4, first.tooLong(), "length " + n);
      assertEquals("ok", new String(lr.next().bytes(), StandardCharsets.UTF_8));
    }
  }
}
