package dev.toolseal.tlog.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Key names and key IDs of the C2SP signed-note format.
 *
 * <p>A key name is non-empty, well-formed Unicode, and contains no Unicode white space, no plus
 * sign and no control character below U+0020 (those could never appear in a note). A key ID is
 * {@code SHA-256(name || 0x0A || type || public key)[:4]}, read big-endian.
 */
final class KeyNames {
  /** Longest key name accepted, in UTF-16 chars; generous, but bounded. */
  static final int MAX_NAME_LENGTH = 1024;

  private KeyNames() {}

  static boolean isValid(String name) {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH) {
      return false;
    }
    for (int i = 0; i < name.length(); ) {
      int cp = name.codePointAt(i);
      if ((cp >= 0xd800 && cp <= 0xdfff) || cp < 0x20 || cp == '+' || isUnicodeSpace(cp)) {
        return false;
      }
      i += Character.charCount(cp);
    }
    return true;
  }

  /** The Unicode White_Space property (what Go's unicode.IsSpace reports). */
  static boolean isUnicodeSpace(int cp) {
    return (cp >= 0x09 && cp <= 0x0d) || cp == 0x20 || cp == 0x85 || cp == 0xa0 || cp == 0x1680
        || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 || cp == 0x202f
        || cp == 0x205f || cp == 0x3000;
  }

  static int keyId(String name, byte type, byte[] publicKey) {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
    md.update(name.getBytes(StandardCharsets.UTF_8));
    md.update((byte) '\n');
    md.update(type);
    md.update(publicKey);
    byte[] d = md.digest();
    return ((d[0] & 0xff) << 24) | ((d[1] & 0xff) << 16) | ((d[2] & 0xff) << 8) | (d[3] & 0xff);
  }

  /** Eight lower-case hex digits. */
  static String hex(int keyId) {
    return HexFormat.of().toHexDigits(keyId);
  }

  /** Parses exactly eight lower-case hex digits, or returns null. */
  static Integer parseHex(String s) {
    if (s.length() != 8) {
      return null;
    }
    for (int i = 0; i < 8; i++) {
      char c = s.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return null;
      }
    }
    return (int) Long.parseLong(s, 16);
  }
}
