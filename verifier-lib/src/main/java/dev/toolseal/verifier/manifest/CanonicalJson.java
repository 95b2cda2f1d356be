package dev.toolseal.verifier.manifest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.toolseal.tlog.Hash;
import java.nio.charset.StandardCharsets;

/**
 * One JSON value held in its RFC 8785 canonical form. Immutable: the tree handed out by {@link
 * #tree()} is a fresh copy. Two values are equal exactly when their canonical texts are, so member
 * order and whitespace of the original never matter, while every character of every string does.
 */
public final class CanonicalJson {
  private final String text;
  private final JsonNode tree;
  private volatile Hash sha256;

  private CanonicalJson(String text, JsonNode tree) {
    this.text = text;
    this.tree = tree;
  }

  /**
   * Canonicalizes a tree that {@link StrictJson} accepted; the tree is copied, as the default
   * mapper would read the canonical text back (canonical member order, default number types).
   */
  static CanonicalJson of(JsonNode checked) {
    dev.toolseal.verifier.json.Jcs.Canonical c = dev.toolseal.verifier.json.Jcs.canonical(checked);
    return new CanonicalJson(c.text(), c.tree());
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

  /** A fresh mutable copy of the value as a Jackson tree. */
  public JsonNode tree() {
    return tree.deepCopy();
  }

  /** The held tree itself, for reading only (never modify or hand it out): no copy. */
  JsonNode view() {
    return tree;
  }

  /** The value's JSON type as Jackson names it (OBJECT, ARRAY, STRING, ...). */
  public String type() {
    return tree.getNodeType().name();
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
