package dev.toolseal.tlog.note;

import java.util.Base64;

/**
 * Standard base64 (RFC 4648 section 4, padded) that accepts only the canonical encoding of a byte
 * string. The JDK decoder alone also accepts missing padding and non-zero padding bits, so two
 * different strings could decode to the same bytes; re-encoding and comparing rules that out.
 */
public final class StrictBase64 {
  private StrictBase64() {}

  /**
   * Decodes {@code s}.
   *
   * @throws IllegalArgumentException if {@code s} is not the canonical encoding of some bytes
   */
  public static byte[] decode(String s) {
    byte[] out = Base64.getDecoder().decode(s);
    if (!Base64.getEncoder().encodeToString(out).equals(s)) {
      throw new IllegalArgumentException("non-canonical base64");
    }
    return out;
  }

  public static String encode(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }
}
