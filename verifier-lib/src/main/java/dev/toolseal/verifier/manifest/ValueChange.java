package dev.toolseal.verifier.manifest;

import java.util.Objects;
import java.util.Optional;

/**
 * One place where two JSON values differ.
 *
 * @param pointer RFC 6901 pointer into the part ({@code ""} for the whole value)
 * @param before the signed value there, empty if the live value added it
 * @param after the live value there, empty if the live value removed it
 */
public record ValueChange(
    String pointer, Optional<CanonicalJson> before, Optional<CanonicalJson> after) {
  public ValueChange {
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    if (before.isEmpty() && after.isEmpty()) {
      throw new IllegalArgumentException("a change needs a before or an after");
    }
    if (before.equals(after)) {
      throw new IllegalArgumentException("before and after are equal");
    }
  }
}
