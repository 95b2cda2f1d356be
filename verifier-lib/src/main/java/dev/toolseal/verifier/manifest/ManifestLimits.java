package dev.toolseal.verifier.manifest;

/**
 * Size bounds applied to every manifest and raw MCP result before anything else looks at it.
 *
 * @param maxBytes bytes of one input document (a stored manifest or one raw MCP result), and of
 *     all raw results of one session together
 * @param maxEntries tools, prompts, resources and resource templates together
 * @param maxDepth JSON nesting depth
 * @param maxStringLength characters in one string value or member name
 */
public record ManifestLimits(int maxBytes, int maxEntries, int maxDepth, int maxStringLength) {
  /** 4 MiB, 10,000 entries, depth 64, 1 Mi characters per string. */
  public static final ManifestLimits DEFAULT = new ManifestLimits(4 << 20, 10_000, 64, 1 << 20);

  public ManifestLimits {
    if (maxBytes < 2 || maxEntries < 0 || maxDepth < 4 || maxStringLength < 1) {
      throw new IllegalArgumentException("limits too small");
    }
  }
}
