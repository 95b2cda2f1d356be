package dev.toolseal.cli.guard;

import dev.toolseal.verifier.gate.Decision;
import dev.toolseal.verifier.gate.GateReason;
import dev.toolseal.verifier.gate.ManifestVerifier;
import dev.toolseal.verifier.gate.PinnedManifestVerifier;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Trust on first use with a {@link LockFile}: the live manifest must equal the one pinned for
 * the server's name ({@link PinnedManifestVerifier} with the given policy). With no pin, it is
 * rejected, unless {@code approveFirst}: then the live manifest is pinned and accepted. The lock
 * file is read on every verification, so an approval made meanwhile counts.
 */
public final class TofuVerifier implements ManifestVerifier {
  private final LockFile lock;
  private final String name;
  private final boolean approveFirst;
  private final PinnedManifestVerifier.Policy policy;
  private final Clock clock;

  public TofuVerifier(LockFile lock, String name, boolean approveFirst,
      PinnedManifestVerifier.Policy policy, Clock clock) {
    this.lock = lock;
    this.name = name;
    this.approveFirst = approveFirst;
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public Decision verify(ToolManifest live) throws LockFileException {
    Optional<LockFile.Pin> pin = lock.pinned(name);
    if (pin.isEmpty()) {
      if (!approveFirst) {
        return new Decision.RejectServer(List.of(GateReason.server(
            GateReason.Kind.VERIFICATION_FAILED, "no manifest is pinned for " + name + " in "
                + lock.file() + "; run toolseal guard approve, or start with --approve-first")));
      }
      lock.pin(name, live, clock.instant());
      return new Decision.AcceptAll();
    }
    String label = "the manifest approved for " + name + " at " + pin.get().approvedAt();
    return new PinnedManifestVerifier(pin.get().manifest(), label, policy).verify(live);
  }
}
