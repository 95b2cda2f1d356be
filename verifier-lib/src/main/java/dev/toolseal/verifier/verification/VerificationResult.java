package dev.toolseal.verifier.verification;

import dev.toolseal.verifier.VerificationException;
import dev.toolseal.verifier.manifest.EntryKey;
import dev.toolseal.verifier.manifest.ManifestDiff;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The outcome of verifying a live server: which of its entries may be shown, which are hidden,
 * and every reason, in words a person can act on. A gate must show only {@link #allows allowed}
 * entries; nothing here depends on an exception reaching the caller.
 *
 * @param status the overall outcome
 * @param accepted live entries that may be used
 * @param rejected live entries that must be hidden (and their calls blocked)
 * @param reasons why anything was rejected, in order
 * @param failure the typed exception, with evidence, when the release as a whole failed
 * @param release the verified release, when it verified
 * @param diff the differences between the signed and live manifests, when compared
 */
public record VerificationResult(Status status, SortedSet<EntryKey> accepted,
    SortedSet<EntryKey> rejected, List<Reason> reasons, Optional<VerificationException> failure,
    Optional<VerifiedRelease> release, Optional<ManifestDiff> diff) {
  /** Overall outcome. */
  public enum Status {
    /** The live server is exactly the signed, reviewed, logged release. */
    ACCEPTED,
    /** Some list entries differ and are hidden; the rest match the release. */
    QUARANTINED,
    /** Nothing from the server may be used. */
    REJECTED
  }

  /**
   * One reason.
   *
   * @param entry the entry it is about, or empty for the server as a whole
   * @param message what is wrong and what to do, for a person
   */
  public record Reason(Optional<EntryKey> entry, String message) {
    public Reason {
      Objects.requireNonNull(entry, "entry");
      Objects.requireNonNull(message, "message");
    }
  }

  public VerificationResult {
    Objects.requireNonNull(status, "status");
    accepted = Collections.unmodifiableSortedSet(new TreeSet<>(accepted));
    rejected = Collections.unmodifiableSortedSet(new TreeSet<>(rejected));
    reasons = List.copyOf(reasons);
    Objects.requireNonNull(failure, "failure");
    Objects.requireNonNull(release, "release");
    Objects.requireNonNull(diff, "diff");
    if (status == Status.REJECTED && !accepted.isEmpty()) {
      throw new IllegalArgumentException("a rejected server has no accepted entries");
    }
    if (status != Status.ACCEPTED && reasons.isEmpty()) {
      throw new IllegalArgumentException("a rejection needs a reason");
    }
  }

  /** True if the live entry {@code key} may be shown and called. */
  public boolean allows(EntryKey key) {
    return status != Status.REJECTED && accepted.contains(key) && !rejected.contains(key);
  }

  /** All reasons as text, one per line. */
  public String explain() {
    StringBuilder sb = new StringBuilder();
    reasons.forEach(r -> sb.append(r.message()).append('\n'));
    return sb.toString();
  }
}
