package dev.toolseal.verifier.verification;

import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.verifier.attest.Ownership;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.util.Collections;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A release that passed every check except the comparison with the live server.
 *
 * @param manifest the signed manifest
 * @param publisher the key that signed it
 * @param logIndex the release's index in the log
 * @param checkpoint the checkpoint its inclusion was proven against
 * @param passedBy the trusted assessors whose PASSED reviews counted
 * @param publisherProof under {@code LOGGED} trust, the ownership proof of the binding the
 *     publisher key counts through (for a key reached by rotation, that of the key its chain
 *     started from); empty for pinned keys and for a binding accepted unproven
 */
public record VerifiedRelease(ToolManifest manifest, KeyId publisher, long logIndex,
    SignedCheckpoint checkpoint, SortedSet<KeyId> passedBy, Optional<Ownership> publisherProof) {
  public VerifiedRelease {
    Objects.requireNonNull(manifest, "manifest");
    Objects.requireNonNull(publisherProof, "publisherProof");
    Objects.requireNonNull(publisher, "publisher");
    Objects.requireNonNull(checkpoint, "checkpoint");
    passedBy = Collections.unmodifiableSortedSet(new TreeSet<>(passedBy));
  }

  /** {@code name@version} of the release. */
  public String name() {
    return manifest.server().name() + "@" + manifest.server().version();
  }
}
