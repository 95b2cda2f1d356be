package dev.toolseal.verifier.manifest;

/** RFC 6901 JSON Pointer reference tokens. */
final class Pointers {
  private Pointers() {}

  /** Escapes one reference token: {@code ~} becomes {@code ~0}, {@code /} becomes {@code ~1}. */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
