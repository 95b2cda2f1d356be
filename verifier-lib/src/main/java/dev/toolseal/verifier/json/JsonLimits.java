package dev.toolseal.verifier.json;

/**
 * Size bounds for one {@link StrictJson} input. Number literals are always limited to {@link
 * #MAX_NUMBER_CHARS} characters.
 *
 * @param maxBytes UTF-8 bytes of the whole input
 * @param maxDepth nesting depth of objects and arrays
 * @param maxStringLength characters in one string value or member name
 */
public record JsonLimits(int maxBytes, int maxDepth, int maxStringLength) {
  /** Longest number literal read. */
  public static final int MAX_NUMBER_CHARS = 1000;

  public JsonLimits {
    if (maxBytes < 2 || maxDepth < 1 || maxStringLength < 1) {
      throw new IllegalArgumentException("limits too small");
    }
  }
}
