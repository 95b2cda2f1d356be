package dev.toolseal.verifier.manifest;

import java.util.Optional;

/**
 * The kinds of digested parts of a manifest, in their canonical order. The four list kinds hold
 * raw MCP list entries identified by one string member; the others hold the session's fixed parts.
 */
public enum EntryKind {
  /** The release identity: {@code release:server}, the registry name and version. */
  RELEASE("release", null, null),
  /** The client side of the session: {@code client:capabilities}. */
  CLIENT("client", null, null),
  /** The {@code initialize} result: protocolVersion, info, capabilities, instructions, extra. */
  SERVER("server", null, null),
  /** A {@code tools/list} entry, identified by {@code name}. */
  TOOL("tool", "name", "tools"),
  /** A {@code prompts/list} entry, identified by {@code name}. */
  PROMPT("prompt", "name", "prompts"),
  /** A {@code resources/list} entry, identified by {@code uri}. */
  RESOURCE("resource", "uri", "resources"),
  /** A {@code resources/templates/list} entry, identified by {@code uriTemplate}. */
  RESOURCE_TEMPLATE("resourceTemplate", "uriTemplate", "resourceTemplates");

  private final String prefix;
  private final String idMember;
  private final String arrayName;

  EntryKind(String prefix, String idMember, String arrayName) {
    this.prefix = prefix;
    this.idMember = idMember;
    this.arrayName = arrayName;
  }

  /** The key prefix before the colon, for example {@code tool}. */
  public String prefix() {
    return prefix;
  }

  /** For list kinds, the member that identifies an entry. */
  public Optional<String> idMember() {
    return Optional.ofNullable(idMember);
  }

  /** For list kinds, the array member name in an MCP list result and in the manifest. */
  public Optional<String> arrayName() {
    return Optional.ofNullable(arrayName);
  }

  /** Whether entries of this kind come from an MCP list method. */
  public boolean isListKind() {
    return idMember != null;
  }

  /** The kind with this prefix. */
  public static Optional<EntryKind> ofPrefix(String prefix) {
    for (EntryKind k : values()) {
      if (k.prefix.equals(prefix)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
