package dev.toolseal.verifier.log;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.Rfc6962;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.ReleaseName;
import dev.toolseal.verifier.attest.Statement;
import dev.toolseal.verifier.attest.StatementFormatException;
import dev.toolseal.verifier.attest.Subject;
import dev.toolseal.verifier.keys.KeyFormatException;
import dev.toolseal.verifier.keys.KeyId;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One log entry as the log commits to it: the RFC 8785 (JCS) bytes of
 * {@code {"digest", "envelopeDigest", "keyId", "kind", "name", "predicateType", "version"}},
 * all strings. The full DSSE envelope is stored beside the leaf; the leaf binds it by
 * {@code envelopeDigest} ({@link Envelope#envelopeDigest()}).
 *
 * <ul>
 *   <li>{@code kind}: a {@link LeafKind} wire name; {@code predicateType} must be its type;
 *   <li>{@code name}, {@code version}: for release kinds the subject's server name and version;
 *       for key kinds the namespace and the empty string;
 *   <li>{@code digest}: the statement's subject digest, 64 lowercase hex;
 *   <li>{@code keyId}: the key whose signature the log accepted the entry on (publisher,
 *       assessor, bound key, old key of a rotation, signer of a revocation);
 *   <li>{@code envelopeDigest}: 64 lowercase hex.
 * </ul>
 *
 * {@link #parse} accepts only the exact bytes {@link #format} writes, below {@link #MAX_BYTES}.
 */
public record LogLeaf(LeafKind kind, String name, String version, Hash digest, KeyId keyId,
    Hash envelopeDigest) {
  /** Leaves are small records; anything this large is refused. */
  public static final int MAX_BYTES = 64 * 1024 - 1;
  private static final Set<String> FIELDS = Set.of("digest", "envelopeDigest", "keyId", "kind",
      "name", "predicateType", "version");
  private static final ObjectMapper JSON = JsonMapper.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
      .build();

  /**
   * @throws IllegalArgumentException if name and version do not fit the kind
   */
  public LogLeaf {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(digest, "digest");
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(envelopeDigest, "envelopeDigest");
    if (kind.aboutRelease()) {
      new ReleaseName(name, version);
    } else {
      new Subject(name, digest);
      if (!"".equals(version)) {
        throw new IllegalArgumentException("a key event leaf has an empty version");
      }
    }
    if (unpairedSurrogate(name) || unpairedSurrogate(version)) {
      throw new IllegalArgumentException("name and version must be valid Unicode text");
    }
  }

  private static boolean unpairedSurrogate(String s) {
    return s.codePoints().anyMatch(cp -> cp >= Character.MIN_SURROGATE
        && cp <= Character.MAX_SURROGATE);
  }

  /** The predicate type of the recorded attestation: {@code kind.predicateType()}. */
  public String predicateType() {
    return kind.predicateType();
  }

  /** The canonical leaf bytes. */
  public byte[] format() {
    StringBuilder sb = new StringBuilder("{");
    member(sb, "digest", digest.hex()).append(',');
    member(sb, "envelopeDigest", envelopeDigest.hex()).append(',');
    member(sb, "keyId", keyId.hex()).append(',');
    member(sb, "kind", kind.wireName()).append(',');
    member(sb, "name", name).append(',');
    member(sb, "predicateType", kind.predicateType()).append(',');
    member(sb, "version", version).append('}');
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** RFC 6962 leaf hash of {@link #format()}. */
  public Hash leafHash() {
    return Rfc6962.leafHash(format());
  }

  private static StringBuilder member(StringBuilder sb, String key, String value) {
    sb.append('"').append(key).append("\":\"");
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"' || c == '\\') {
        sb.append('\\');
      }
      sb.append(c);
    }
    return sb.append('"');
  }

  /** Parses leaf bytes strictly: only the canonical form is accepted. */
  public static LogLeaf parse(byte[] bytes) throws LogLeafFormatException {
    if (bytes.length == 0 || bytes.length > MAX_BYTES) {
      throw new LogLeafFormatException("a leaf is 1.." + MAX_BYTES + " bytes");
    }
    JsonNode tree;
    try (JsonParser p = JSON.createParser(bytes)) {
      tree = JSON.readTree(p);
      if (p.nextToken() != null) {
        throw new LogLeafFormatException("data after the leaf object");
      }
    } catch (IOException e) {
      throw new LogLeafFormatException("the leaf is not strict JSON");
    }
    if (tree == null || !tree.isObject() || tree.size() != FIELDS.size()) {
      throw new LogLeafFormatException("a leaf is an object of exactly " + FIELDS);
    }
    for (Map.Entry<String, JsonNode> e : tree.properties()) {
      if (!FIELDS.contains(e.getKey()) || !e.getValue().isTextual()) {
        throw new LogLeafFormatException("unexpected or non-string leaf field " + e.getKey());
      }
    }
    LeafKind kind = LeafKind.ofWireName(tree.get("kind").textValue())
        .orElseThrow(() -> new LogLeafFormatException("unknown leaf kind"));
    if (!kind.predicateType().equals(tree.get("predicateType").textValue())) {
      throw new LogLeafFormatException("predicateType does not match kind " + kind.wireName());
    }
    LogLeaf leaf;
    try {
      leaf = new LogLeaf(kind, tree.get("name").textValue(), tree.get("version").textValue(),
          hex(tree.get("digest").textValue()), KeyId.parse(tree.get("keyId").textValue()),
          hex(tree.get("envelopeDigest").textValue()));
    } catch (IllegalArgumentException | KeyFormatException e) {
      throw new LogLeafFormatException("invalid leaf field: " + e.getMessage());
    }
    if (!Arrays.equals(leaf.format(), bytes)) {
      throw new LogLeafFormatException("the leaf is not in canonical (JCS) form");
    }
    return leaf;
  }

  private static Hash hex(String s) {
    if (s.length() != 2 * Hash.SIZE || !s.equals(s.toLowerCase(java.util.Locale.ROOT))) {
      throw new IllegalArgumentException("a digest is 64 lowercase hex digits");
    }
    return Hash.of(HexFormat.of().parseHex(s));
  }

  /**
   * The leaf recording {@code envelope}, accepted on the signature of {@code authority}. The
   * statement is read without checking signatures: verification is the reader's job.
   *
   * @throws LogLeafFormatException if the payload is not a statement with one subject of a
   *     known predicate type, or {@code authority} did not sign the envelope (by key id)
   */
  public static LogLeaf describe(Envelope envelope, KeyId authority)
      throws LogLeafFormatException {
    if (!envelope.payloadType().equals(Statement.PAYLOAD_TYPE)
        || !envelope.keyIds().contains(authority)) {
      throw new LogLeafFormatException("not an in-toto envelope signed by " + authority);
    }
    Statement st;
    try {
      st = Statement.parse(envelope.payload());
    } catch (StatementFormatException e) {
      throw new LogLeafFormatException("the payload is not an in-toto statement");
    }
    LeafKind kind = LeafKind.ofPredicateType(st.predicateType())
        .orElseThrow(() -> new LogLeafFormatException("not a ToolSeal predicate type"));
    if (st.subjects().size() != 1) {
      throw new LogLeafFormatException("a logged statement has exactly one subject");
    }
    Subject s = st.subjects().get(0);
    try {
      if (kind.aboutRelease()) {
        ReleaseName r = ReleaseName.parse(s.name());
        return new LogLeaf(kind, r.serverName(), r.version(), s.sha256(), authority,
            envelope.envelopeDigest());
      }
      return new LogLeaf(kind, s.name(), "", s.sha256(), authority, envelope.envelopeDigest());
    } catch (IllegalArgumentException e) {
      throw new LogLeafFormatException("the subject does not fit a " + kind.wireName() + " leaf");
    }
  }
}
