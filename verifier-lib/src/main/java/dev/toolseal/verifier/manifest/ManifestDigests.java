package dev.toolseal.verifier.manifest;

import dev.toolseal.tlog.Hash;
import java.util.Collections;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The SHA-256 digests of a manifest: one over the whole canonical document (the value that is
 * signed and logged) and one over the canonical JSON of each part, keyed as in {@link EntryKey}.
 */
public record ManifestDigests(Hash manifest, SortedMap<EntryKey, Hash> parts) {
  public ManifestDigests {
    Objects.requireNonNull(manifest, "manifest");
    parts = Collections.unmodifiableSortedMap(new TreeMap<>(parts));
  }
}
