package dev.toolseal.verifier.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.toolseal.tlog.Hash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.erdtman.jcs.JsonCanonicalizer;

/**
 * RFC 8785 (JCS) canonical text of a JSON tree, computed by erdtman's {@link JsonCanonicalizer},
 * and the SHA-256 of its UTF-8 bytes. Callers pass only trees that {@link StrictJson} accepted (or
 * subtrees of canonical text), so the canonicalizer never sees a value it would alter.
 */
final class Jcs {
  private static final ObjectMapper WRITER = JsonMapper.builder().build();

  private Jcs() {}

  /** The canonical text of {@code node}, which may be any JSON value. */
  static String canonical(JsonNode node) {
    try {
      if (node.isContainerNode()) {
        return new JsonCanonicalizer(WRITER.writeValueAsString(node)).getEncodedString();
      }
      // The canonicalizer only accepts an object or array at the top: wrap scalars in [ ].
      String wrapped =
          new JsonCanonicalizer("[" + WRITER.writeValueAsString(node) + "]").getEncodedString();
      return wrapped.substring(1, wrapped.length() - 1);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write a parsed tree", e);
    } catch (IOException e) {
      throw new IllegalArgumentException("canonicalizer refused a checked value", e);
    }
  }

  /** SHA-256 of the UTF-8 bytes of {@code canonicalText}. */
  static Hash sha256(String canonicalText) {
    try {
      return Hash.of(
          MessageDigest.getInstance("SHA-256")
              .digest(canonicalText.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
