package dev.toolseal.verifier.attest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class PaeTest {
  private static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replace(" ", ""));
  }

  @Test
  void dsseSpecExample() {
    // DSSE protocol.md, "Test Vectors": PAE of type http://example.com/HelloWorld, "hello world"
    assertArrayEquals("DSSEv1 29 http://example.com/HelloWorld 11 hello world"
            .getBytes(StandardCharsets.US_ASCII),
        Pae.encode("http://example.com/HelloWorld",
            "hello world".getBytes(StandardCharsets.US_ASCII)));
  }

  @Test
  void lengthsAreUtf8ByteCountsNotCharCounts() {
    // type "application/vnd.t\u00f6\u00f6l+json": 25 chars, 27 UTF-8 bytes;
    // body "h\u00e9llo": 5 chars, 6 UTF-8 bytes. Expected bytes written out by hand:
    byte[] expected = hex(""
        + "44 53 53 45 76 31 20" // "DSSEv1 "
        + "32 37 20" // "27 "
        + "61 70 70 6c 69 63 61 74 69 6f 6e 2f 76 6e 64 2e 74" // "application/vnd.t"
        + "c3 b6 c3 b6" // two o-umlauts
        + "6c 2b 6a 73 6f 6e" // "l+json"
        + "20 36 20" // " 6 "
        + "68 c3 a9 6c 6c 6f"); // "h", e-acute, "llo"
    String type = "application/vnd.t\u00f6\u00f6l+json";
    byte[] body = "h\u00e9llo".getBytes(StandardCharsets.UTF_8);
    assertEquals(25, type.length());
    assertEquals(5, "h\u00e9llo".length());
    assertArrayEquals(expected, Pae.encode(type, body));
  }

  @Test
  void supplementaryCharactersCountFourBytes() {
    // U+1F512 (lock) is 2 UTF-16 chars and 4 UTF-8 bytes: f0 9f 94 92
    String type = "x\uD83D\uDD12";
    assertArrayEquals(hex("44 53 53 45 76 31 20 35 20 78 f0 9f 94 92 20 30 20"),
        Pae.encode(type, new byte[0]));
  }
}
