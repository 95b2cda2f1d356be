package dev.toolseal.verifier.log;

import dev.toolseal.verifier.attest.KeyBinding;
import dev.toolseal.verifier.attest.KeyRevocation;
import dev.toolseal.verifier.attest.KeyRotation;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.ReleaseYank;
import dev.toolseal.verifier.attest.Review;
import java.util.Optional;

/**
 * What a log entry records, one kind per attestation predicate type. Release kinds name a
 * server and version; key kinds name a namespace and have no version.
 */
public enum LeafKind {
  RELEASE("release", Release.PREDICATE_TYPE, true),
  REVIEW("review", Review.PREDICATE_TYPE, true),
  RELEASE_YANK("release-yank", ReleaseYank.PREDICATE_TYPE, true),
  KEY_BINDING("key-binding", KeyBinding.PREDICATE_TYPE, false),
  KEY_ROTATION("key-rotation", KeyRotation.PREDICATE_TYPE, false),
  KEY_REVOCATION("key-revocation", KeyRevocation.PREDICATE_TYPE, false);

  private final String wireName;
  private final String predicateType;
  private final boolean aboutRelease;

  LeafKind(String wireName, String predicateType, boolean aboutRelease) {
    this.wireName = wireName;
    this.predicateType = predicateType;
    this.aboutRelease = aboutRelease;
  }

  /** The leaf's {@code kind} value, e.g. {@code key-binding}. */
  public String wireName() {
    return wireName;
  }

  /** The in-toto predicate type of the attestation this kind records. */
  public String predicateType() {
    return predicateType;
  }

  /** True if the subject is a release ({@code name@version}), false if a namespace. */
  public boolean aboutRelease() {
    return aboutRelease;
  }

  public static Optional<LeafKind> ofWireName(String name) {
    for (LeafKind k : values()) {
      if (k.wireName.equals(name)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }

  public static Optional<LeafKind> ofPredicateType(String predicateType) {
    for (LeafKind k : values()) {
      if (k.predicateType.equals(predicateType)) {
        return Optional.of(k);
      }
    }
    return Optional.empty();
  }
}
