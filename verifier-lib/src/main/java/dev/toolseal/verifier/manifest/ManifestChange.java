package dev.toolseal.verifier.manifest;

import java.util.List;
import java.util.Objects;

/** One difference between a signed and a live manifest, as found by {@link ManifestDiff}. */
public sealed interface ManifestChange {
  /** The part this change is about (for a rename, the signed name). */
  EntryKey key();

  /** A part present only in the live manifest. */
  record Added(EntryKey key, CanonicalJson value) implements ManifestChange {
    public Added {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  /** A part present only in the signed manifest. */
  record Removed(EntryKey key, CanonicalJson value) implements ManifestChange {
    public Removed {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  /**
   * A list entry whose definition is unchanged except for its identity member: {@code key} is
   * the signed identity, {@code to} the live one.
   */
  record Renamed(EntryKey key, EntryKey to) implements ManifestChange {
    public Renamed {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(to, "to");
      if (key.kind() != to.kind()) {
        throw new IllegalArgumentException("a rename keeps the kind");
      }
    }
  }

  /** A part present in both whose value differs at the given places (never empty). */
  record Changed(EntryKey key, List<ValueChange> changes) implements ManifestChange {
    public Changed {
      Objects.requireNonNull(key, "key");
      changes = List.copyOf(changes);
      if (changes.isEmpty()) {
        throw new IllegalArgumentException("a change changes something");
      }
    }
  }
}
