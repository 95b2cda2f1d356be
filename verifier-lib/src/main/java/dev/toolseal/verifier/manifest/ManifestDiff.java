package dev.toolseal.verifier.manifest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.manifest.ManifestChange.Added;
import dev.toolseal.verifier.manifest.ManifestChange.Changed;
import dev.toolseal.verifier.manifest.ManifestChange.Removed;
import dev.toolseal.verifier.manifest.ManifestChange.Renamed;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;

/**
 * Every difference between a signed manifest and the live one, part by part: parts added,
 * removed, renamed (a list entry equal except for its identity member) and changed (with the JSON
 * pointers that differ). Empty exactly when the two manifest digests are equal.
 *
 * @param changes in key order
 */
public record ManifestDiff(List<ManifestChange> changes) {
  public ManifestDiff {
    changes = List.copyOf(changes);
  }

  /** Compares {@code live} against {@code signed}. */
  public static ManifestDiff between(ToolManifest signed, ToolManifest live) {
    SortedMap<EntryKey, CanonicalJson> before = signed.parts();
    SortedMap<EntryKey, CanonicalJson> after = live.parts();
    List<ManifestChange> out = new ArrayList<>();
    List<Removed> removed = new ArrayList<>();
    List<Added> added = new ArrayList<>();
    for (Map.Entry<EntryKey, CanonicalJson> e : before.entrySet()) {
      CanonicalJson now = after.get(e.getKey());
      if (now == null) {
        removed.add(new Removed(e.getKey(), e.getValue()));
      } else if (!now.equals(e.getValue())) {
        List<ValueChange> places = JsonTreeDiff.between(e.getValue().tree(), now.tree());
        if (places.isEmpty()) {
          // equal trees from different canonical texts cannot happen; never drop a difference
          places = List.of(new ValueChange("", Optional.of(e.getValue()), Optional.of(now)));
        }
        out.add(new Changed(e.getKey(), places));
      }
    }
    for (Map.Entry<EntryKey, CanonicalJson> e : after.entrySet()) {
      if (!before.containsKey(e.getKey())) {
        added.add(new Added(e.getKey(), e.getValue()));
      }
    }
    pairRenames(removed, added, out);
    out.addAll(removed);
    out.addAll(added);
    out.sort(Comparator.comparing(ManifestChange::key));
    return new ManifestDiff(out);
  }

  /** Moves each removed entry whose definition reappears under a new identity into a rename. */
  private static void pairRenames(List<Removed> removed, List<Added> added, List<ManifestChange> out) {
    for (var r = removed.iterator(); r.hasNext(); ) {
      Removed gone = r.next();
      if (!gone.key().kind().isListKind()) {
        continue;
      }
      CanonicalJson withoutId = withoutId(gone.key().kind(), gone.value());
      for (var a = added.iterator(); a.hasNext(); ) {
        Added come = a.next();
        if (come.key().kind() == gone.key().kind()
            && withoutId(come.key().kind(), come.value()).equals(withoutId)) {
          out.add(new Renamed(gone.key(), come.key()));
          r.remove();
          a.remove();
          break;
        }
      }
    }
  }

  private static CanonicalJson withoutId(EntryKind kind, CanonicalJson entry) {
    ObjectNode copy = (ObjectNode) entry.tree();
    copy.remove(kind.idMember().orElseThrow());
    return CanonicalJson.of(copy);
  }

  /** True when the manifests are the same (and so are their digests). */
  public boolean isEmpty() {
    return changes.isEmpty();
  }
}
