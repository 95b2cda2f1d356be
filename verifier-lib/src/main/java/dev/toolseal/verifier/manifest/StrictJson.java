package dev.toolseal.verifier.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.json.JsonFormatException;
import dev.toolseal.verifier.json.JsonLimits;
import dev.toolseal.verifier.manifest.ManifestException.Reason;

/**
 * The library's one strict JSON reader ({@link dev.toolseal.verifier.json.StrictJson}) under
 * {@link ManifestLimits}, with its failures mapped to {@link ManifestException}s naming the input.
 */
final class StrictJson {
  private final dev.toolseal.verifier.json.StrictJson json;

  StrictJson(ManifestLimits limits) {
    this.json = new dev.toolseal.verifier.json.StrictJson(
        new JsonLimits(limits.maxBytes(), limits.maxDepth(), limits.maxStringLength()));
  }

  /** Parses a JSON text given as a Java string; raw unpaired surrogates are refused first. */
  JsonNode parse(String text, String source) throws ManifestException {
    try {
      return json.parse(text);
    } catch (JsonFormatException e) {
      throw map(e, source);
    }
  }

  /** Parses UTF-8 JSON bytes. */
  JsonNode parse(byte[] utf8, String source) throws ManifestException {
    try {
      return json.parse(utf8);
    } catch (JsonFormatException e) {
      throw map(e, source);
    }
  }

  /** Checks an already-parsed tree ({@link dev.toolseal.verifier.json.StrictJson#checkTree}). */
  void checkTree(JsonNode tree, String source) throws ManifestException {
    try {
      json.checkTree(tree);
    } catch (JsonFormatException e) {
      throw map(e, source);
    }
  }

  private static ManifestException map(JsonFormatException e, String source) {
    return new ManifestException(reason(e.reason()), source, e.pointer(), e.detail(), e);
  }

  /** The manifest reason of a reader's reason: a new reader reason must be mapped here. */
  static Reason reason(JsonFormatException.Reason r) {
    return switch (r) {
      case MALFORMED_JSON -> Reason.MALFORMED_JSON;
      case DUPLICATE_KEY -> Reason.DUPLICATE_KEY;
      case TOO_DEEP -> Reason.TOO_DEEP;
      case TOO_LARGE -> Reason.TOO_LARGE;
      case TOO_LONG -> Reason.TOO_LONG;
      case LONE_SURROGATE -> Reason.LONE_SURROGATE;
      case UNSAFE_NUMBER -> Reason.UNSAFE_NUMBER;
    };
  }

  /** Nesting depth of {@code node}: 0 for a scalar, 1 for a flat object or array. */
  static int depth(JsonNode node) {
    return dev.toolseal.verifier.json.StrictJson.depth(node);
  }

  /** Index of the first unpaired surrogate in {@code s}, or -1. */
  static int firstLoneSurrogate(String s) {
    return dev.toolseal.verifier.json.StrictJson.firstLoneSurrogate(s);
  }
}
