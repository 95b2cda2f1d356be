package dev.toolseal.verifier.manifest;

/**
 * Size bounds applied to every manifest and raw MCP result before anything else looks at it.
 *
 * @param maxBytes bytes of one input document (a stored manifest or one raw MCP result), and of
 *     all raw results of one session together
 * @param maxEntries tools, prompts, resources and resource templates together
 * @param maxDepth JSON nesting depth
 * @param maxStringLength characters in one string value or member name
 * @param maxSubschemas objects and arrays in one schema document of a tool ({@code inputSchema}
 *     or {@code outputSchema}) that {@link SchemaRefs} walks before refusing the tool
 * @param maxRefChain {@code $ref} / {@code $dynamicRef} hops {@link SchemaRefs} accepts at one
 *     instance location (docs/design/eras.md, section 5)
 */
public record ManifestLimits(int maxBytes, int maxEntries, int maxDepth, int maxStringLength,
    int maxSubschemas, int maxRefChain) {
  /** Subschemas per schema document unless told otherwise. */
  public static final int DEFAULT_MAX_SUBSCHEMAS = 10_000;
  /** Reference hops at one instance location unless told otherwise. */
  public static final int DEFAULT_MAX_REF_CHAIN = 64;

  /**
   * 4 MiB, 10,000 entries, depth 64, 1 Mi characters per string, 10,000 subschemas per schema
   * document, {@code $ref} chains of at most 64 hops.
   */
  public static final ManifestLimits DEFAULT = new ManifestLimits(4 << 20, 10_000, 64, 1 << 20);

  public ManifestLimits {
    if (maxBytes < 2 || maxEntries < 0 || maxDepth < 4 || maxStringLength < 1
        || maxSubschemas < 1 || maxRefChain < 1) {
      throw new IllegalArgumentException("limits too small");
    }
  }

  /** The given size bounds with the default schema bounds. */
  public ManifestLimits(int maxBytes, int maxEntries, int maxDepth, int maxStringLength) {
    this(maxBytes, maxEntries, maxDepth, maxStringLength, DEFAULT_MAX_SUBSCHEMAS,
        DEFAULT_MAX_REF_CHAIN);
  }

  /** These limits with other schema bounds. */
  public ManifestLimits withSchemaBounds(int subschemas, int refChain) {
    return new ManifestLimits(maxBytes, maxEntries, maxDepth, maxStringLength, subschemas,
        refChain);
  }
}
