package dev.toolseal.verifier.attest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.ManifestFormat;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.nio.charset.StandardCharsets;

/**
 * A publisher's release: predicate type {@value #PREDICATE_TYPE}; the predicate IS the tool
 * manifest's stored document ({@link ManifestFormat}); the subject is
 * {@code {name: "<server name>@<version>", digest: {sha256: SHA-256(JCS(manifest))}}}.
 *
 * <p>Immutable: the manifest tree is deep-copied in and out, and its digest computed at most once.
 * A release read from a {@link Statement} shares the statement's tree (neither ever changes it)
 * instead of copying it.
 */
public final class Release {
  public static final String PREDICATE_TYPE = "https://toolseal.dev/release/v1";

  private final ReleaseName name;
  /** Never modified and never handed out: {@link #manifest()} copies. */
  private final ObjectNode manifest;
  private volatile Hash digest;
  /** JCS text of the manifest, kept when it was computed to check a statement's subject. */
  private final String canonical;
  /** The manifest read in the same pass, when it was valid (null otherwise). */
  private final ToolManifest read;

  /**
   * A release of {@code name} with {@code manifest} (copied).
   *
   * @param name server name and version
   * @param manifest the manifest JSON
   */
  public Release(ReleaseName name, ObjectNode manifest) {
    this(name, manifest == null ? null : manifest.deepCopy(), null, null, null);
  }

  private Release(ReleaseName name, ObjectNode owned, String canonical, ToolManifest read,
      Hash digest) {
    if (name == null || owned == null) {
      throw new IllegalArgumentException("a release needs a name and a manifest");
    }
    this.name = name;
    this.manifest = owned;
    this.canonical = canonical;
    this.read = read;
    this.digest = digest;
  }

  /** Server name and version. */
  public ReleaseName name() {
    return name;
  }

  /** A copy of the manifest JSON. */
  public ObjectNode manifest() {
    return manifest.deepCopy();
  }

  /**
   * The manifest read strictly as a {@link ToolManifest} ({@link ManifestFormat#parse(
   * com.fasterxml.jackson.databind.JsonNode)} with the default limits), straight from the held
   * tree (a release read by {@link #fromStatement} read it while checking the subject digest).
   *
   * @throws ManifestException if the predicate is not a valid stored manifest
   */
  public ToolManifest toolManifest() throws ManifestException {
    return read != null ? read : new ManifestFormat().parse(manifest);
  }

  /**
   * Whether {@link #manifestDigest()} is also {@code m}'s {@link ToolManifest#digest()}: true when
   * the manifest JSON is exactly {@code m}'s stored document, e.g. the signed document of a
   * release read by {@link #fromStatement} and then {@link #toolManifest()}, whose arrays are in
   * entry order. Answered without hashing when this release was read from a statement; false
   * can also mean "not known", so callers then compute {@code m.digest()}.
   */
  public boolean digestIsOf(ToolManifest m) {
    return canonical != null && ManifestFormat.isStoredForm(m, canonical);
  }

  /** SHA-256 of the JCS (RFC 8785) bytes of the manifest. */
  public Hash manifestDigest() {
    Hash d = digest;
    if (d == null) {
      d = CanonicalJson.digest(manifest);
      digest = d;
    }
    return d;
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
    ReleaseName name = Predicates.releaseName(subject.name(), PREDICATE_TYPE);
    ObjectNode tree = st.predicateView();
    ToolManifest read = null;
    String canonical;
    try {
      // a valid manifest is read once: its parts' canonical texts make up JCS of the tree
      ManifestFormat.TreeRead r = new ManifestFormat().parseWithText(tree);
      read = r.manifest();
      canonical = r.treeText();
    } catch (ManifestException e) {
      canonical = CanonicalJson.text(tree); // not a manifest: toolManifest() will say why
    }
    Hash actual = CanonicalJson.sha256(canonical.getBytes(StandardCharsets.UTF_8));
    if (!actual.equals(subject.sha256())) {
      throw AttestationVerificationException.digestMismatch(
          "release subject digest is not the digest of the manifest", subject.sha256(), actual);
    }
    return new Release(name, tree, canonical, read, actual);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Release r && name.equals(r.name) && manifest.equals(r.manifest);
  }

  @Override
  public int hashCode() {
    return 31 * name.hashCode() + manifest.hashCode();
  }

  @Override
  public String toString() {
    return "Release[name=" + name + ", manifest=" + manifest + "]";
  }
}
