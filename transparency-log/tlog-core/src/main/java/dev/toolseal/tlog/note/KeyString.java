package dev.toolseal.tlog.note;

/**
 * The parts of a verifier key string {@code name+hexid+base64(type||key)} or a private key string
 * {@code PRIVATE+KEY+name+hexid+base64(type||seed)}, syntactically checked: valid name, eight
 * lower-case hex digits, canonical base64 of a type byte and at least one key byte. The ID is
 * checked against the public key by the caller, which knows how to derive it.
 */
record KeyString(String name, int keyId, byte type, byte[] key) {
  static final String PRIVATE_PREFIX = "PRIVATE+KEY+";
  /** Longest key string accepted, in chars. */
  static final int MAX_LENGTH = 4096;

  static KeyString parseVerifier(String s) throws KeyFormatException {
    if (s == null || s.length() > MAX_LENGTH) {
      throw new KeyFormatException("verifier key missing or too long");
    }
    return parseParts(s);
  }

  static KeyString parsePrivate(String s) throws KeyFormatException {
    if (s == null || s.length() > MAX_LENGTH || !s.startsWith(PRIVATE_PREFIX)) {
      throw new KeyFormatException("not a PRIVATE+KEY string");
    }
    return parseParts(s.substring(PRIVATE_PREFIX.length()));
  }

  private static KeyString parseParts(String s) throws KeyFormatException {
    int a = s.indexOf('+');
    int b = a < 0 ? -1 : s.indexOf('+', a + 1);
    if (b < 0) {
      throw new KeyFormatException("key string needs three '+'-separated fields");
    }
    String name = s.substring(0, a);
    if (!KeyNames.isValid(name)) {
      throw new KeyFormatException("invalid key name");
    }
    Integer id = KeyNames.parseHex(s.substring(a + 1, b));
    if (id == null) {
      throw new KeyFormatException("key ID is not eight lower-case hex digits");
    }
    byte[] raw;
    try {
      raw = StrictBase64.decode(s.substring(b + 1));
    } catch (IllegalArgumentException e) {
      throw new KeyFormatException("key material is not canonical base64");
    }
    if (raw.length < 2) {
      throw new KeyFormatException("key material too short");
    }
    return new KeyString(name, id, raw[0], java.util.Arrays.copyOfRange(raw, 1, raw.length));
  }

  static String format(String name, int keyId, byte type, byte[] key) {
    byte[] raw = new byte[1 + key.length];
    raw[0] = type;
    System.arraycopy(key, 0, raw, 1, key.length);
    return name + "+" + KeyNames.hex(keyId) + "+" + StrictBase64.encode(raw);
  }
}
