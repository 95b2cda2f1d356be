package dev.toolseal.verifier.manifest;

import java.util.Objects;

/**
 * Which release a manifest describes: the registry name (for example
 * {@code io.github.acme/weather}) and the version.
 */
public record ServerRef(String name, String version) {
  public ServerRef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(version, "version");
    if (name.isEmpty() || version.isEmpty()) {
      throw new IllegalArgumentException("server name and version must not be empty");
    }
    if (StrictJson.firstLoneSurrogate(name) >= 0 || StrictJson.firstLoneSurrogate(version) >= 0) {
      throw new IllegalArgumentException("unpaired surrogate in server name or version");
    }
  }
}
