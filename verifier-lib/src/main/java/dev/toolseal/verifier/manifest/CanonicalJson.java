package dev.toolseal.verifier.manifest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import dev.toolseal.tlog.Hash;
import java.nio.charset.StandardCharsets;

/**
 * One JSON value held in its RFC 8785 canonical form. Immutable: the tree handed out by {@link
 * #tree()} is a fresh copy. Two values are equal exactly when their canonical texts are, so member
 * order and whitespace of the original never matter, while every character of every string does.
 *
 * <p>The tree is read from the canonical text only when first needed (diffs, the stored document
 * as a tree): verifying a manifest compares texts, so most values never need one. What a
 * {@link ToolManifest} checks on every value (its JSON type, an entry's identity member) is kept
 * from the tree the value was made of.
 */
public final class CanonicalJson {
  private static final ObjectMapper READER = JsonMapper.builder().build();

  private final String text;
  private final JsonNodeType type;
  /** The name and value of the identity member of a list entry; null for other values. */
  private final String idMember;
  private final JsonNode idValue;
  private volatile JsonNode tree;
  private volatile Hash sha256;

  private CanonicalJson(String text, JsonNodeType type, String idMember, JsonNode idValue) {
    this.text = text;
    this.type = type;
    this.idMember = idMember;
    this.idValue = idValue;
  }

  /** Canonicalizes a tree that {@link StrictJson} accepted; nothing of it is kept but text. */
  static CanonicalJson of(JsonNode checked) {
    return new CanonicalJson(Jcs.canonical(checked), checked.getNodeType(), null, null);
  }

  /**
   * As {@link #of} for a list entry (an object) whose identity member {@code idMember} holds a
   * string, which is kept (a text node is immutable) for {@link #member}.
   */
  static CanonicalJson ofEntry(JsonNode checked, String idMember) {
    JsonNode id = checked.get(idMember);
    if (id == null || !id.isTextual()) {
      return of(checked);
    }
    return new CanonicalJson(Jcs.canonical(checked), checked.getNodeType(), idMember, id);
  }

  /** A JSON string value. */
  static CanonicalJson ofString(String value) {
    return of(JsonNodeFactory.instance.textNode(value));
  }

  /** The canonical JSON text. */
  public String text() {
    return text;
  }

  /** The canonical UTF-8 bytes. */
  public byte[] bytes() {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** SHA-256 of {@link #bytes()}. */
  public Hash sha256() {
    Hash h = sha256;
    if (h == null) {
      h = Jcs.sha256(text);
      sha256 = h;
    }
    return h;
  }

  /**
   * A fresh mutable copy of the value as a Jackson tree: the canonical text as the default mapper
   * reads it (canonical member order, int, long, BigInteger or double numbers).
   */
  public JsonNode tree() {
    return view().deepCopy();
  }

  /** The held tree itself, for reading only (never modify or hand it out): no copy. */
  JsonNode view() {
    JsonNode t = tree;
    if (t == null) {
      try {
        t = READER.readTree(text);
      } catch (JsonProcessingException e) {
        throw new IllegalStateException("canonical text does not parse", e);
      }
      tree = t;
    }
    return t;
  }

  /** Whether the value is a JSON object. */
  boolean isObject() {
    return type == JsonNodeType.OBJECT;
  }

  /** The member {@code name} of an object value (a missing node if absent), for reading only. */
  JsonNode member(String name) {
    return name.equals(idMember) ? idValue : view().path(name);
  }

  /** The value's JSON type as Jackson names it (OBJECT, ARRAY, STRING, ...). */
  public String type() {
    return type.name();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CanonicalJson c && text.equals(c.text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
