package dev.toolseal.verifier.attest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.tlog.Hash;

/**
 * A publisher's release: predicate type {@value #PREDICATE_TYPE}; the predicate IS the tool
 * manifest (a raw JSON object until the typed manifest is wired in); the subject is
 * {@code {name: "<server name>@<version>", digest: {sha256: SHA-256(JCS(manifest))}}}.
 *
 * @param name server name and version
 * @param manifest the manifest JSON (deep-copied in and out)
 */
public record Release(ReleaseName name, ObjectNode manifest) {
  public static final String PREDICATE_TYPE = "https://toolseal.dev/release/v1";

  public Release {
    if (name == null || manifest == null) {
      throw new IllegalArgumentException("a release needs a name and a manifest");
    }
    manifest = manifest.deepCopy();
  }

  @Override
  public ObjectNode manifest() {
    return manifest.deepCopy();
  }

  /** SHA-256 of the JCS (RFC 8785) bytes of the manifest. */
  public Hash manifestDigest() {
    return CanonicalJson.digest(manifest);
  }

  public Subject subject() {
    return new Subject(name.toString(), manifestDigest());
  }

  public Statement toStatement() {
    return Statement.of(subject(), PREDICATE_TYPE, manifest);
  }

  /**
   * Reads a release statement and checks that its subject digest is the digest of its
   * predicate.
   *
   * @throws AttestationVerificationException {@code SUBJECT_DIGEST_MISMATCH} with both digests
   */
  public static Release fromStatement(Statement st)
      throws PredicateFormatException, AttestationVerificationException {
    Predicates.requireType(st, PREDICATE_TYPE);
    Subject subject = st.singleSubject();
    Release r = new Release(Predicates.releaseName(subject.name(), PREDICATE_TYPE),
        st.predicate());
    Hash actual = r.manifestDigest();
    if (!actual.equals(subject.sha256())) {
      throw AttestationVerificationException.digestMismatch(
          "release subject digest is not the digest of the manifest", subject.sha256(), actual);
    }
    return r;
  }
}
