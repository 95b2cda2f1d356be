package dev.toolseal.verifier.manifest;

import java.util.Optional;

/**
 * The protocol era of an MCP server (docs/design/eras.md): {@link #LEGACY} revisions open a
 * session with {@code initialize} (2025-11-25 and earlier), {@link #MODERN} revisions have no
 * handshake and answer {@code server/discover} (2026-07-28 and later). One manifest holds one era.
 */
public enum Era {
  LEGACY("legacy"),
  MODERN("modern");

  private final String wireName;

  Era(String wireName) {
    this.wireName = wireName;
  }

  /** The name in a stored manifest, {@code legacy} or {@code modern}. */
  public String wireName() {
    return wireName;
  }

  /**
   * The era of protocol revision {@code protocolVersion}: revisions are dates, and every one
   * from 2026-07-28 (the first without {@code initialize}) on is modern.
   */
  public static Era ofProtocolVersion(String protocolVersion) {
    return protocolVersion.compareTo("2026-07-28") >= 0 ? MODERN : LEGACY;
  }

  /** The era with this stored name. */
  public static Optional<Era> ofWireName(String name) {
    for (Era e : values()) {
      if (e.wireName.equals(name)) {
        return Optional.of(e);
      }
    }
    return Optional.empty();
  }
}
