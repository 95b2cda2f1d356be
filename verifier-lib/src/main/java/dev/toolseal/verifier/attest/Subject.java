package dev.toolseal.verifier.attest;

import dev.toolseal.tlog.Hash;

/**
 * An in-toto subject: a name and its SHA-256 digest. For releases, reviews and yanks the name is
 * {@code "<server name>@<version>"} and the digest is the manifest digest; for key events the
 * name is the namespace and the digest is the key id.
 *
 * @param name 1..{@link #MAX_NAME_CHARS} characters, no control characters
 * @param sha256 the digest
 */
public record Subject(String name, Hash sha256) {
  public static final int MAX_NAME_CHARS = 512;

  public Subject {
    if (name == null || name.isEmpty() || name.length() > MAX_NAME_CHARS
        || name.chars().anyMatch(Character::isISOControl) || sha256 == null) {
      throw new IllegalArgumentException("a subject needs a name of 1.." + MAX_NAME_CHARS
          + " characters without control characters, and a digest");
    }
  }

  /** The subject of a release: {@code name@version} and the manifest digest. */
  public static Subject release(String serverName, String version, Hash manifestDigest) {
    return new Subject(ReleaseName.join(serverName, version), manifestDigest);
  }
}
