package dev.toolseal.verifier.attest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.attest.CanonicalJson.JsonException;
import java.util.Set;

/**
 * Withdraws a release (predicate type {@value #PREDICATE_TYPE}). Subject: the release's subject.
 * Predicate: {@code {"name", "version", "digest": hex manifest digest, "reason": str}}, which must
 * repeat the subject exactly. Signed by the publisher (the namespace's key).
 *
 * @param name the release
 * @param manifestDigest the yanked release's manifest digest
 * @param reason for people, 1..4096 characters
 */
public record ReleaseYank(ReleaseName name, Hash manifestDigest, String reason) {
  public static final String PREDICATE_TYPE = "https://toolseal.dev/release-yank/v1";

  public ReleaseYank {
    if (name == null || manifestDigest == null) {
      throw new IllegalArgumentException("a yank needs a name and a digest");
    }
    Predicates.checkText(reason, Predicates.MAX_TEXT_CHARS, "reason");
  }

  public Subject subject() {
    return new Subject(name.toString(), manifestDigest);
  }

  public Statement toStatement() {
    ObjectNode p = Predicates.object();
    p.put("name", name.serverName());
    p.put("version", name.version());
    p.put("digest", manifestDigest.hex());
    p.put("reason", reason);
    return Statement.of(subject(), PREDICATE_TYPE, p);
  }

  /** Reads a yank statement and checks it against its subject. */
  public static ReleaseYank fromStatement(Statement st) throws PredicateFormatException {
    Predicates.requireType(st, PREDICATE_TYPE);
    Subject subject = st.singleSubject();
    try {
      JsonFields p = JsonFields.of(st.predicate(), "predicate",
          Set.of("name", "version", "digest", "reason"));
      ReleaseName name = new ReleaseName(p.text("name", ReleaseName.MAX_PART_CHARS),
          p.text("version", ReleaseName.MAX_PART_CHARS));
      Hash digest = Predicates.hexHash(p, "digest");
      if (!subject.name().equals(name.toString()) || !subject.sha256().equals(digest)) {
        throw new JsonException("subject is not {name@version, digest}");
      }
      return new ReleaseYank(name, digest, p.text("reason", Predicates.MAX_TEXT_CHARS));
    } catch (JsonException e) {
      throw Predicates.wrap(PREDICATE_TYPE, e);
    } catch (IllegalArgumentException e) {
      throw new PredicateFormatException(PREDICATE_TYPE, e.getMessage());
    }
  }
}
