package dev.toolseal.verifier.attest;

/**
 * The {@code "<server name>@<version>"} form used as a release's subject name. Neither part may
 * be empty or contain {@code '@'}, whitespace or control characters, so the split is unique.
 *
 * @param serverName registry name, e.g. {@code io.github.acme/weather}
 * @param version the release version, e.g. {@code 1.2.0}
 */
public record ReleaseName(String serverName, String version) {
  public static final int MAX_PART_CHARS = 200;

  public ReleaseName {
    check(serverName);
    check(version);
  }

  private static void check(String part) {
    if (part == null || part.isEmpty() || part.length() > MAX_PART_CHARS
        || part.chars().anyMatch(c -> c == '@' || Character.isWhitespace(c)
            || Character.isISOControl(c))) {
      throw new IllegalArgumentException("a server name or version is 1.." + MAX_PART_CHARS
          + " characters without '@', whitespace or control characters");
    }
  }

  static String join(String serverName, String version) {
    return new ReleaseName(serverName, version).toString();
  }

  /** Splits {@code name@version}; throws IllegalArgumentException if malformed. */
  public static ReleaseName parse(String subjectName) {
    int at = subjectName.indexOf('@');
    if (at < 0) {
      throw new IllegalArgumentException("a release name is <server name>@<version>");
    }
    return new ReleaseName(subjectName.substring(0, at), subjectName.substring(at + 1));
  }

  @Override
  public String toString() {
    return serverName + "@" + version;
  }
}
