package dev.toolseal.verifier.attest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.attest.CanonicalJson.JsonException;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.keys.VerificationKey;
import java.util.Set;

/**
 * Replaces a namespace's key (predicate type {@value #PREDICATE_TYPE}). Subject:
 * {@code {name: namespace, digest: {sha256: new key id}}}. Predicate: {@code {"namespace",
 * "oldKeyId", "newKeyId", "algorithm", "publicKey": base64 SPKI of the new key}}. Must be signed
 * by the old key (authority) AND the new key (proof of possession).
 *
 * @param namespace the namespace
 * @param oldKeyId the key being replaced
 * @param newKey the replacement
 */
public record KeyRotation(String namespace, KeyId oldKeyId, VerificationKey newKey) {
  public static final String PREDICATE_TYPE = "https://toolseal.dev/key-rotation/v1";

  public KeyRotation {
    Predicates.checkText(namespace, Subject.MAX_NAME_CHARS, "namespace");
    if (oldKeyId == null || newKey == null || oldKeyId.equals(newKey.keyId())) {
      throw new IllegalArgumentException("a rotation needs two different keys");
    }
  }

  public Statement toStatement() {
    ObjectNode p = Predicates.object();
    p.put("namespace", namespace);
    p.put("oldKeyId", oldKeyId.hex());
    p.put("newKeyId", newKey.keyId().hex());
    Predicates.putPublicKey(p, newKey);
    return Statement.of(new Subject(namespace, newKey.keyId().hash()), PREDICATE_TYPE, p);
  }

  /** Reads a rotation statement and checks it against its subject. */
  public static KeyRotation fromStatement(Statement st) throws PredicateFormatException {
    Predicates.requireType(st, PREDICATE_TYPE);
    Subject subject = st.singleSubject();
    try {
      JsonFields p = JsonFields.of(st.predicate(), "predicate",
          Set.of("namespace", "oldKeyId", "newKeyId", "algorithm", "publicKey"));
      String namespace = p.text("namespace", Subject.MAX_NAME_CHARS);
      KeyId oldKeyId = Predicates.keyId(p, "oldKeyId");
      KeyId newKeyId = Predicates.keyId(p, "newKeyId");
      VerificationKey newKey = Predicates.publicKey(p);
      if (!newKey.keyId().equals(newKeyId)) {
        throw new JsonException("newKeyId is not the SHA-256 of publicKey");
      }
      if (!subject.name().equals(namespace) || !subject.sha256().equals(newKeyId.hash())) {
        throw new JsonException("subject is not {namespace, new key id}");
      }
      return new KeyRotation(namespace, oldKeyId, newKey);
    } catch (JsonException e) {
      throw Predicates.wrap(PREDICATE_TYPE, e);
    } catch (IllegalArgumentException e) {
      throw new PredicateFormatException(PREDICATE_TYPE, e.getMessage());
    }
  }
}
