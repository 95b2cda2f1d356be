package dev.toolseal.verifier.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.attest.CanonicalJson.JsonException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An in-toto Statement v1, the payload of every ToolSeal envelope:
 *
 * <pre>{"_type": "https://in-toto.io/Statement/v1",
 *  "subject": [{"name": str, "digest": {"sha256": hex}}],
 *  "predicateType": uri, "predicate": {...}}</pre>
 *
 * <p>Parsing accepts exactly that: all four fields, no others; 1..{@link #MAX_SUBJECTS} subjects
 * with exactly {@code name} and {@code digest}; a digest set holding only {@code sha256} (64
 * lowercase hex); a predicate that is a JSON object. The predicate is kept as a JSON tree for the
 * typed predicate parsers. {@link #toJson()} is JCS.
 *
 * <p>Immutable: the subjects are copied, the predicate tree deep-copied in and out.
 */
public final class Statement {
  public static final String TYPE = "https://in-toto.io/Statement/v1";
  /** The DSSE payloadType of an in-toto statement. */
  public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";
  public static final int MAX_SUBJECTS = 64;
  public static final int MAX_PREDICATE_TYPE_CHARS = 256;

  private final List<Subject> subjects;
  private final String predicateType;
  /** Never modified and never handed out: {@link #predicate()} copies. */
  private final ObjectNode predicate;

  public Statement(List<Subject> subjects, String predicateType, ObjectNode predicate) {
    this(subjects, predicateType, predicate, true);
  }

  /** {@code copy} false only for a tree no one else holds (one {@link #parse} just read). */
  private Statement(List<Subject> subjects, String predicateType, ObjectNode predicate,
      boolean copy) {
    if (subjects == null || subjects.isEmpty() || subjects.size() > MAX_SUBJECTS) {
      throw new IllegalArgumentException("a statement has 1.." + MAX_SUBJECTS + " subjects");
    }
    if (predicateType == null || predicateType.isEmpty()
        || predicateType.length() > MAX_PREDICATE_TYPE_CHARS || predicate == null) {
      throw new IllegalArgumentException("a statement needs a predicateType and a predicate");
    }
    this.subjects = List.copyOf(subjects);
    this.predicateType = predicateType;
    this.predicate = copy ? predicate.deepCopy() : predicate;
  }

  /** A statement about one subject. */
  public static Statement of(Subject subject, String predicateType, ObjectNode predicate) {
    return new Statement(List.of(subject), predicateType, predicate);
  }

  public List<Subject> subjects() {
    return subjects;
  }

  public String predicateType() {
    return predicateType;
  }

  /** A copy of the predicate object. */
  public ObjectNode predicate() {
    return predicate.deepCopy();
  }

  /**
   * The predicate tree itself, for the predicate parsers of this package: read it, never modify
   * it or let it out (a {@link Release} may share it, since neither changes it).
   */
  ObjectNode predicateView() {
    return predicate;
  }

  /** The only subject; a PredicateFormatException if there is not exactly one. */
  Subject singleSubject() throws PredicateFormatException {
    if (subjects.size() != 1) {
      throw new PredicateFormatException(predicateType, "expected exactly one subject");
    }
    return subjects.get(0);
  }

  /** Parses statement JSON strictly (at most {@link Envelope#MAX_ENVELOPE_BYTES}). */
  public static Statement parse(byte[] json) throws StatementFormatException {
    try {
      JsonFields st = JsonFields.of(CanonicalJson.parse(json, Envelope.MAX_ENVELOPE_BYTES),
          "statement", Set.of("_type", "subject", "predicateType", "predicate"));
      if (!TYPE.equals(st.text("_type", 64))) {
        throw new StatementFormatException("_type is not " + TYPE);
      }
      List<Subject> subjects = new ArrayList<>();
      for (JsonNode s : st.array("subject", MAX_SUBJECTS, false)) {
        JsonFields f = JsonFields.of(s, "subject", Set.of("name", "digest"));
        subjects.add(new Subject(f.text("name", Subject.MAX_NAME_CHARS),
            f.sha256DigestSet("digest")));
      }
      String predicateType = st.text("predicateType", MAX_PREDICATE_TYPE_CHARS);
      JsonNode predicate = st.get("predicate");
      if (!predicate.isObject()) {
        throw new StatementFormatException("predicate must be a JSON object");
      }
      // the tree was just read and is held by no one else: no copy
      return new Statement(subjects, predicateType, (ObjectNode) predicate, false);
    } catch (JsonException e) {
      throw new StatementFormatException(e.getMessage());
    } catch (IllegalArgumentException e) {
      throw new StatementFormatException("bad subject: " + e.getMessage());
    }
  }

  /** JCS bytes of the statement: the DSSE payload. */
  public byte[] toJson() {
    ObjectNode root = CanonicalJson.mapper().createObjectNode();
    root.put("_type", TYPE);
    ArrayNode subs = root.putArray("subject");
    for (Subject s : subjects) {
      ObjectNode o = subs.addObject();
      o.put("name", s.name());
      o.set("digest", JsonFields.digestSet(s.sha256()));
    }
    root.put("predicateType", predicateType);
    root.set("predicate", predicate.deepCopy());
    return CanonicalJson.canonical(root);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Statement st && subjects.equals(st.subjects)
        && predicateType.equals(st.predicateType) && predicate.equals(st.predicate);
  }

  @Override
  public int hashCode() {
    return (31 * subjects.hashCode() + predicateType.hashCode()) * 31 + predicate.hashCode();
  }

  @Override
  public String toString() {
    return "Statement[subjects=" + subjects + ", predicateType=" + predicateType + ", predicate="
        + predicate + "]";
  }
}
