package dev.toolseal.verifier.monitor;

import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.log.LeafKind;
import dev.toolseal.verifier.log.LogLeaf;
import java.util.Optional;
import java.util.Set;

/**
 * What a monitor watches: entries of some namespaces, and the keys expected to act for them.
 * Pure: {@link #check} decides from the leaf alone.
 *
 * <ul>
 *   <li>a release or yank of a watched namespace's server must be accepted on an expected key;
 *   <li>a key binding or rotation in a watched namespace must bind an expected key (the leaf's
 *       subject digest is the new key's id) and be accepted on an expected key;
 *   <li>a revocation in a watched namespace must be signed by an expected key;
 *   <li>reviews are signed by assessors, not by the publisher: never an alert.
 * </ul>
 *
 * A namespace {@code ns} covers servers {@code ns/<name>} and key events of {@code ns} itself.
 *
 * @param namespaces watched namespaces
 * @param expectedKeys the keys allowed to act for them
 */
public record WatchPolicy(Set<String> namespaces, Set<KeyId> expectedKeys) {
  public WatchPolicy {
    namespaces = Set.copyOf(namespaces);
    expectedKeys = Set.copyOf(expectedKeys);
  }

  /** The namespace an entry belongs to. */
  public static String namespaceOf(LogLeaf leaf) {
    if (leaf.kind().aboutRelease()) {
      int slash = leaf.name().indexOf('/');
      return slash < 0 ? leaf.name() : leaf.name().substring(0, slash);
    }
    return leaf.name();
  }

  public boolean watches(LogLeaf leaf) {
    return namespaces.contains(namespaceOf(leaf));
  }

  /** Why {@code leaf} is an alert, or empty if it is not one. */
  public Optional<String> check(LogLeaf leaf) {
    if (!watches(leaf) || leaf.kind() == LeafKind.REVIEW) {
      return Optional.empty();
    }
    if (!expectedKeys.contains(leaf.keyId())) {
      return Optional.of(leaf.kind().wireName() + " accepted on key " + leaf.keyId().hex()
          + ", which is not an expected key");
    }
    if ((leaf.kind() == LeafKind.KEY_BINDING || leaf.kind() == LeafKind.KEY_ROTATION)
        && expectedKeys.stream().noneMatch(k -> k.hash().equals(leaf.digest()))) {
      return Optional.of(leaf.kind().wireName() + " binds key " + leaf.digest().hex()
          + ", which is not an expected key");
    }
    return Optional.empty();
  }
}
