package dev.toolseal.verifier.attest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.attest.CanonicalJson.JsonException;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.keys.VerificationKey;
import java.util.Optional;
import java.util.Set;

/**
 * Binds a publisher key to a namespace (predicate type {@value #PREDICATE_TYPE}). Subject:
 * {@code {name: namespace, digest: {sha256: key id}}}. Predicate:
 * {@code {"namespace", "keyId", "algorithm", "publicKey": base64 SPKI, "nonce"?, "ownership"?}};
 * the key id must be the SHA-256 of the SPKI. Must be signed by the bound key itself (proof of
 * possession). {@code ownership} ({@link Ownership}) names how the signer proves control of the
 * namespace; the registry checks it when it accepts the binding, and a binding whose proof does
 * not cover its namespace is malformed.
 *
 * <p>{@code nonce} is a registry-issued challenge ({@value #NONCE_MIN_CHARS}..{@value
 * #NONCE_MAX_CHARS} base64url characters): signing it proves possession now, not at some earlier
 * time. The registry requires it and accepts each nonce once; offline verifiers ignore it.
 *
 * @param namespace the namespace, e.g. {@code io.github.acme}
 * @param key the bound public key
 * @param nonce the registry's challenge, if any
 * @param ownership the proof of namespace control, if any
 */
public record KeyBinding(String namespace, VerificationKey key, Optional<String> nonce,
    Optional<Ownership> ownership) {
  public static final String PREDICATE_TYPE = "https://toolseal.dev/key-binding/v1";
  public static final int NONCE_MIN_CHARS = 16;
  public static final int NONCE_MAX_CHARS = 128;

  public KeyBinding {
    Predicates.checkText(namespace, Subject.MAX_NAME_CHARS, "namespace");
    if (key == null) {
      throw new IllegalArgumentException("key is required");
    }
    if (nonce == null) {
      throw new IllegalArgumentException("nonce must be present or empty, not null");
    }
    nonce.ifPresent(KeyBinding::checkNonce);
    if (ownership == null) {
      throw new IllegalArgumentException("ownership must be present or empty, not null");
    }
    if (ownership.isPresent() && !ownership.get().covers(namespace)) {
      throw new IllegalArgumentException("the ownership proof does not cover the namespace");
    }
  }

  /** A binding without an ownership proof. */
  public KeyBinding(String namespace, VerificationKey key, Optional<String> nonce) {
    this(namespace, key, nonce, Optional.empty());
  }

  /** A binding without a registry challenge (offline use). */
  public KeyBinding(String namespace, VerificationKey key) {
    this(namespace, key, Optional.empty(), Optional.empty());
  }

  /** Whether {@code s} has the shape of a nonce: base64url characters, 16..128 of them. */
  public static boolean isNonce(String s) {
    if (s == null || s.length() < NONCE_MIN_CHARS || s.length() > NONCE_MAX_CHARS) {
      return false;
    }
    return s.chars().allMatch(c -> (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z')
        || (c >= '0' && c <= '9') || c == '-' || c == '_');
  }

  private static void checkNonce(String s) {
    if (!isNonce(s)) {
      throw new IllegalArgumentException("nonce must be " + NONCE_MIN_CHARS + ".."
          + NONCE_MAX_CHARS + " base64url characters");
    }
  }

  public Statement toStatement() {
    ObjectNode p = Predicates.object();
    p.put("namespace", namespace);
    p.put("keyId", key.keyId().hex());
    Predicates.putPublicKey(p, key);
    nonce.ifPresent(n -> p.put("nonce", n));
    ownership.ifPresent(o -> p.set("ownership", o.toJson()));
    return Statement.of(new Subject(namespace, key.keyId().hash()), PREDICATE_TYPE, p);
  }

  /** Reads a key binding statement and checks it against its subject. */
  public static KeyBinding fromStatement(Statement st) throws PredicateFormatException {
    Predicates.requireType(st, PREDICATE_TYPE);
    Subject subject = st.singleSubject();
    try {
      JsonFields p = JsonFields.of(st.predicate(), "predicate",
          Set.of("namespace", "keyId", "algorithm", "publicKey"), Set.of("nonce", "ownership"));
      String namespace = p.text("namespace", Subject.MAX_NAME_CHARS);
      KeyId keyId = Predicates.keyId(p, "keyId");
      VerificationKey key = Predicates.publicKey(p);
      if (!key.keyId().equals(keyId)) {
        throw new JsonException("keyId is not the SHA-256 of publicKey");
      }
      if (!subject.name().equals(namespace) || !subject.sha256().equals(keyId.hash())) {
        throw new JsonException("subject is not {namespace, key id}");
      }
      Optional<String> nonce = p.has("nonce")
          ? Optional.of(p.text("nonce", NONCE_MIN_CHARS, NONCE_MAX_CHARS))
          : Optional.empty();
      Optional<Ownership> ownership = p.has("ownership")
          ? Optional.of(Ownership.fromJson(p.get("ownership")))
          : Optional.empty();
      return new KeyBinding(namespace, key, nonce, ownership);
    } catch (JsonException e) {
      throw Predicates.wrap(PREDICATE_TYPE, e);
    } catch (IllegalArgumentException e) {
      throw new PredicateFormatException(PREDICATE_TYPE, e.getMessage());
    }
  }
}
