package dev.toolseal.verifier.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.tlog.Hash;
import java.nio.charset.StandardCharsets;

/**
 * The manifest package's names for the library's one RFC 8785 implementation, {@link
 * dev.toolseal.verifier.json.Jcs}. Callers pass only trees that {@link StrictJson} accepted (or
 * subtrees of canonical text), so the canonicalizer never refuses one.
 */
final class Jcs {
  private Jcs() {}

  /** The canonical text of {@code node}, which may be any JSON value. */
  static String canonical(JsonNode node) {
    return dev.toolseal.verifier.json.Jcs.canonicalText(node);
  }

  /** SHA-256 of the UTF-8 bytes of {@code canonicalText}. */
  static Hash sha256(String canonicalText) {
    return dev.toolseal.verifier.json.Jcs.sha256(canonicalText.getBytes(StandardCharsets.UTF_8));
  }
}
