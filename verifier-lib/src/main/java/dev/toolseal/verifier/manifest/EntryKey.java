package dev.toolseal.verifier.manifest;

import java.util.Comparator;
import java.util.Objects;

/**
 * The identity of one digested part of a manifest, written {@code <prefix>:<id>}: {@code tool:add},
 * {@code prompt:review}, {@code resource:file:///a.txt}, {@code resourceTemplate:db://{table}},
 * {@code server:instructions}. Ordered by kind, then by id in UTF-16 code unit order (the order
 * RFC 8785 uses for member names).
 */
public record EntryKey(EntryKind kind, String id) implements Comparable<EntryKey> {
  private static final Comparator<EntryKey> ORDER =
      Comparator.comparing(EntryKey::kind).thenComparing(EntryKey::id);

  public static final EntryKey RELEASE_SERVER = new EntryKey(EntryKind.RELEASE, "server");
  public static final EntryKey CLIENT_CAPABILITIES = new EntryKey(EntryKind.CLIENT, "capabilities");
  public static final EntryKey SERVER_PROTOCOL_VERSION =
      new EntryKey(EntryKind.SERVER, "protocolVersion");
  public static final EntryKey SERVER_INFO = new EntryKey(EntryKind.SERVER, "info");
  public static final EntryKey SERVER_CAPABILITIES = new EntryKey(EntryKind.SERVER, "capabilities");
  public static final EntryKey SERVER_INSTRUCTIONS = new EntryKey(EntryKind.SERVER, "instructions");
  /** A modern-era manifest's era, {@code "modern"}; legacy manifests have no such part. */
  public static final EntryKey SERVER_ERA = new EntryKey(EntryKind.SERVER, "era");
  /** A modern server's {@code server/discover} {@code supportedVersions}. */
  public static final EntryKey SERVER_SUPPORTED_VERSIONS =
      new EntryKey(EntryKind.SERVER, "supportedVersions");
  /**
   * Members of the initialize (or stripped discover) result other than those above (for example
   * {@code _meta}).
   */
  public static final EntryKey SERVER_EXTRA = new EntryKey(EntryKind.SERVER, "extra");

  public EntryKey {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
  }

  /** Parses {@code <prefix>:<id>}; the id may itself contain colons. */
  public static EntryKey parse(String text) {
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("no ':' in entry key");
    }
    EntryKind kind =
        EntryKind.ofPrefix(text.substring(0, colon))
            .orElseThrow(() -> new IllegalArgumentException("unknown entry kind"));
    return new EntryKey(kind, text.substring(colon + 1));
  }

  @Override
  public int compareTo(EntryKey o) {
    return ORDER.compare(this, o);
  }

  @Override
  public String toString() {
    return kind.prefix() + ":" + id;
  }
}
