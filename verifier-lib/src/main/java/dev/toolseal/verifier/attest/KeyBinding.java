package dev.toolseal.verifier.attest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.attest.CanonicalJson.JsonException;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.keys.VerificationKey;
import java.util.Set;

/**
 * Binds a publisher key to a namespace (predicate type {@value #PREDICATE_TYPE}). Subject:
 * {@code {name: namespace, digest: {sha256: key id}}}. Predicate:
 * {@code {"namespace", "keyId", "algorithm", "publicKey": base64 SPKI}}; the key id must be the
 * SHA-256 of the SPKI. Must be signed by the bound key itself (proof of possession); whether the
 * signer controls the namespace is for the registry to decide.
 *
 * @param namespace the namespace, e.g. {@code io.github.acme}
 * @param key the bound public key
 */
public record KeyBinding(String namespace, VerificationKey key) {
  public static final String PREDICATE_TYPE = "https://toolseal.dev/key-binding/v1";

  public KeyBinding {
    Predicates.checkText(namespace, Subject.MAX_NAME_CHARS, "namespace");
    if (key == null) {
      throw new IllegalArgumentException("key is required");
    }
  }

  public Statement toStatement() {
    ObjectNode p = Predicates.object();
    p.put("namespace", namespace);
    p.put("keyId", key.keyId().hex());
    Predicates.putPublicKey(p, key);
    return Statement.of(new Subject(namespace, key.keyId().hash()), PREDICATE_TYPE, p);
  }

  /** Reads a key binding statement and checks it against its subject. */
  public static KeyBinding fromStatement(Statement st) throws PredicateFormatException {
    Predicates.requireType(st, PREDICATE_TYPE);
    Subject subject = st.singleSubject();
    try {
      JsonFields p = JsonFields.of(st.predicate(), "predicate",
          Set.of("namespace", "keyId", "algorithm", "publicKey"));
      String namespace = p.text("namespace", Subject.MAX_NAME_CHARS);
      KeyId keyId = Predicates.keyId(p, "keyId");
      VerificationKey key = Predicates.publicKey(p);
      if (!key.keyId().equals(keyId)) {
        throw new JsonException("keyId is not the SHA-256 of publicKey");
      }
      if (!subject.name().equals(namespace) || !subject.sha256().equals(keyId.hash())) {
        throw new JsonException("subject is not {namespace, key id}");
      }
      return new KeyBinding(namespace, key);
    } catch (JsonException e) {
      throw Predicates.wrap(PREDICATE_TYPE, e);
    } catch (IllegalArgumentException e) {
      throw new PredicateFormatException(PREDICATE_TYPE, e.getMessage());
    }
  }
}
