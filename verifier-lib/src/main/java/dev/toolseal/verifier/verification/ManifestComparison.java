package dev.toolseal.verifier.verification;

import dev.toolseal.verifier.manifest.DiffRenderer;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.ManifestChange;
import dev.toolseal.verifier.manifest.ManifestDiff;
import dev.toolseal.verifier.manifest.SchemaRefs;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.verification.VerificationPolicy.MismatchAction;
import dev.toolseal.verifier.verification.VerificationResult.Reason;
import dev.toolseal.verifier.verification.VerificationResult.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeSet;

/** Step 5: the live manifest against the signed one, and what the policy does about changes. */
final class ManifestComparison {
  private ManifestComparison() {}

  static VerificationResult compare(VerifiedRelease release, ToolManifest live,
      MismatchAction action, List<Reason> notes) {
    ManifestDiff diff = ManifestDiff.between(release.manifest(), live);
    TreeSet<EntryKey> liveKeys = new TreeSet<>(live.entries().keySet());
    // a tool whose schema refers outside itself is refused like a changed one, even unchanged
    SortedMap<EntryKey, List<SchemaRefs.LeavingRef>> refs = SchemaRefs.of(live);
    if (diff.isEmpty() && refs.isEmpty()) {
      return new VerificationResult(Status.ACCEPTED, liveKeys, new TreeSet<>(), notes,
          Optional.empty(), Optional.of(release), Optional.of(diff));
    }
    List<Reason> reasons = new ArrayList<>();
    TreeSet<EntryKey> changed = new TreeSet<>();
    boolean serverLevel = false;
    String since = " since release " + release.name() + " signed by " + release.publisher()
        + " (log index " + release.logIndex() + "): ";
    for (ManifestChange c : diff.changes()) {
      changed.add(c.key());
      if (c instanceof ManifestChange.Renamed r) {
        changed.add(r.to());
      }
      serverLevel |= !c.key().kind().isListKind();
      String rendered = DiffRenderer.render(new ManifestDiff(List.of(c))).stripTrailing();
      reasons.add(new Reason(Optional.of(c.key()), verb(c) + since + rendered));
    }
    refs.forEach((key, found) -> {
      changed.add(key);
      StringBuilder text = new StringBuilder(VisibleText.of(key + " is refused: its schema refers"
          + " outside itself, so the signature does not fix what it means, or breaks the"
          + " composition bounds (a reference cycle, too long a reference chain, too large); the"
          + " publisher must inline the referenced schema or simplify it"));
      for (SchemaRefs.LeavingRef r : found) {
        text.append("; ").append(VisibleText.of("at " + r.pointer() + ": " + r.problem() + ": "
            + r.detail()));
      }
      reasons.add(new Reason(Optional.of(key), text.toString()));
    });
    reasons.addAll(notes);
    if (action == MismatchAction.QUARANTINE_CHANGED && !serverLevel) {
      TreeSet<EntryKey> hidden = new TreeSet<>(liveKeys);
      hidden.retainAll(changed);
      TreeSet<EntryKey> shown = new TreeSet<>(liveKeys);
      shown.removeAll(changed);
      reasons.add(0, new Reason(Optional.empty(), "policy QUARANTINE_CHANGED: hiding "
          + hidden.size() + " changed or refused entr" + (hidden.size() == 1 ? "y" : "ies") + " "
          + hidden
          + " and keeping " + shown.size() + " unchanged; ask the publisher to sign a new "
          + "release if the change is intended"));
      return new VerificationResult(Status.QUARANTINED, shown, hidden, reasons, Optional.empty(),
          Optional.of(release), Optional.of(diff));
    }
    reasons.add(0, new Reason(Optional.empty(), live.server().name() + "@"
        + live.server().version() + " is refused: "
        + (diff.isEmpty() ? "a tool's schema refers outside itself or is otherwise invalid"
            : "the live server differs from its signed release")
        + (serverLevel && action == MismatchAction.QUARANTINE_CHANGED
            ? " in server-level parts, which cannot be quarantined entry by entry" : "")
        + "; do not use it until the publisher signs a release matching what it serves"));
    return new VerificationResult(Status.REJECTED, new TreeSet<>(), liveKeys, reasons,
        Optional.empty(), Optional.of(release), Optional.of(diff));
  }

  private static String verb(ManifestChange c) {
    if (c instanceof ManifestChange.Added) {
      return "added";
    }
    if (c instanceof ManifestChange.Removed) {
      return "removed";
    }
    if (c instanceof ManifestChange.Renamed) {
      return "renamed";
    }
    return "changed";
  }
}
