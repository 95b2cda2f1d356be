package dev.toolseal.verifier.attest;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * DSSE v1 pre-authentication encoding, the exact bytes a DSSE signature covers:
 *
 * <pre>"DSSEv1" SP LEN(type) SP type SP LEN(body) SP body</pre>
 *
 * where {@code type} is the UTF-8 encoding of the payload type, {@code LEN} is a length in
 * BYTES written in ASCII decimal without leading zeros, and SP is one 0x20 byte. Counting
 * characters instead of bytes (a bug in at least one public implementation) produces different
 * bytes as soon as the type is not ASCII.
 */
public final class Pae {
  private Pae() {}

  /** The PAE bytes of {@code payloadType} and {@code body}. */
  public static byte[] encode(String payloadType, byte[] body) {
    byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream(type.length + body.length + 32);
    out.writeBytes(ascii("DSSEv1 " + type.length + " "));
    out.writeBytes(type);
    out.writeBytes(ascii(" " + body.length + " "));
    out.writeBytes(body);
    return out.toByteArray();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}
