package dev.toolseal.verifier.attest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.attest.CanonicalJson.JsonException;
import dev.toolseal.verifier.keys.KeyId;
import java.util.Locale;
import java.util.Set;

/**
 * Revokes a key (predicate type {@value #PREDICATE_TYPE}). Subject: {@code {name: namespace,
 * digest: {sha256: revoked key id}}}. Predicate: {@code {"namespace", "keyId", "reason":
 * "compromised"|"superseded"|"retired", "comment": str}} ({@code comment} may be empty). Must be
 * signed by the revoked key itself or by the namespace's current key.
 *
 * @param namespace the namespace
 * @param keyId the revoked key
 * @param reason why
 * @param comment free text for people, 0..4096 characters
 */
public record KeyRevocation(String namespace, KeyId keyId, Reason reason, String comment) {
  public static final String PREDICATE_TYPE = "https://toolseal.dev/key-revocation/v1";

  /** Why a key is revoked. {@code COMPROMISED} taints every signature the key ever made. */
  public enum Reason {
    COMPROMISED, SUPERSEDED, RETIRED;

    public String wireName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public KeyRevocation {
    Predicates.checkText(namespace, Subject.MAX_NAME_CHARS, "namespace");
    if (keyId == null || reason == null || comment == null
        || comment.length() > Predicates.MAX_TEXT_CHARS) {
      throw new IllegalArgumentException("a revocation needs a key id, a reason and a comment");
    }
  }

  public Statement toStatement() {
    ObjectNode p = Predicates.object();
    p.put("namespace", namespace);
    p.put("keyId", keyId.hex());
    p.put("reason", reason.wireName());
    p.put("comment", comment);
    return Statement.of(new Subject(namespace, keyId.hash()), PREDICATE_TYPE, p);
  }

  /** Reads a revocation statement and checks it against its subject. */
  public static KeyRevocation fromStatement(Statement st) throws PredicateFormatException {
    Predicates.requireType(st, PREDICATE_TYPE);
    Subject subject = st.singleSubject();
    try {
      JsonFields p = JsonFields.of(st.predicate(), "predicate",
          Set.of("namespace", "keyId", "reason", "comment"));
      String namespace = p.text("namespace", Subject.MAX_NAME_CHARS);
      KeyId keyId = Predicates.keyId(p, "keyId");
      String reasonText = p.text("reason", 32);
      Reason reason = null;
      for (Reason r : Reason.values()) {
        if (r.wireName().equals(reasonText)) {
          reason = r;
        }
      }
      if (reason == null) {
        throw new JsonException("unknown revocation reason");
      }
      if (!subject.name().equals(namespace) || !subject.sha256().equals(keyId.hash())) {
        throw new JsonException("subject is not {namespace, key id}");
      }
      return new KeyRevocation(namespace, keyId, reason,
          p.text("comment", 0, Predicates.MAX_TEXT_CHARS));
    } catch (JsonException e) {
      throw Predicates.wrap(PREDICATE_TYPE, e);
    } catch (IllegalArgumentException e) {
      throw new PredicateFormatException(PREDICATE_TYPE, e.getMessage());
    }
  }
}
