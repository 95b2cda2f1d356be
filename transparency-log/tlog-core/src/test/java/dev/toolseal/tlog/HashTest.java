package dev.toolseal.tlog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import org.junit.jupiter.api.Test;

class HashTest {
  private static final Hash H = Rfc6962.leafHash(new byte[] {1, 2, 3});

  @Test
  void textFormsRoundTrip() {
    assertEquals(H, Hash.fromHex(H.hex()));
    assertEquals(H, Hash.fromHex(H.hex().toUpperCase(java.util.Locale.ROOT)));
    assertEquals(H, Hash.fromBase64(H.base64()));
    assertEquals(H, Hash.of(H.bytes()));
  }

  @Test
  void bytesAreCopiedInAndOut() {
    byte[] raw = H.bytes();
    Hash h = Hash.of(raw);
    raw[0] ^= 1;
    assertNotEquals(Hash.of(raw), h);
    h.bytes()[1] ^= 1;
    assertEquals(H, h);
  }

  @Test
  void onlyCanonicalBase64OfThirtyTwoBytesIsAccepted() {
    String b64 = H.base64();
    // 32 bytes leave two padding bits in the last character before '='; setting one must fail.
    char last = b64.charAt(b64.length() - 2);
    int value = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".indexOf(last);
    String otherPaddingBits = b64.substring(0, b64.length() - 2)
        + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".charAt(value ^ 1)
        + "=";
    assertArrayEquals(Base64.getDecoder().decode(b64), Base64.getDecoder().decode(otherPaddingBits));
    assertThrows(IllegalArgumentException.class, () -> Hash.fromBase64(otherPaddingBits));
    assertThrows(IllegalArgumentException.class,
        () -> Hash.fromBase64(b64.substring(0, b64.length() - 1)));
    assertThrows(IllegalArgumentException.class,
        () -> Hash.fromBase64(Base64.getEncoder().encodeToString(new byte[31])));
    assertThrows(IllegalArgumentException.class, () -> Hash.fromBase64(" " + b64));
  }

  @Test
  void wrongLengthsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Hash.of(new byte[31]));
    assertThrows(IllegalArgumentException.class, () -> Hash.of(new byte[33]));
    assertThrows(IllegalArgumentException.class, () -> Hash.of(null));
    assertThrows(IllegalArgumentException.class, () -> Hash.fromHex("00"));
    assertThrows(IllegalArgumentException.class, () -> Hash.of(new byte[40], 9));
  }

  @Test
  void flipBitChangesExactlyOneBit() {
    for (int bit = 0; bit < 256; bit++) {
      Hash f = H.flipBit(bit);
      assertNotEquals(H, f);
      assertEquals(H, f.flipBit(bit));
    }
  }
}
