package dev.toolseal.verifier.monitor;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.log.LeafKind;
import dev.toolseal.verifier.log.LogLeaf;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WatchPolicyTest {
  private static final KeyId MINE = KeyPairs.generate().keyId();
  private static final KeyId OTHER = KeyPairs.generate().keyId();
  private static final Hash ANY = Hash.of(new byte[32]);
  private static final WatchPolicy WATCH = new WatchPolicy(Set.of("io.github.acme"), Set.of(MINE));

  private static LogLeaf release(String server, KeyId key) {
    return new LogLeaf(LeafKind.RELEASE, server, "1.0.0", ANY, key, ANY);
  }

  private static LogLeaf keyEvent(LeafKind kind, String ns, KeyId subject, KeyId key) {
    return new LogLeaf(kind, ns, "", subject.hash(), key, ANY);
  }

  @Test
  void releasesOfWatchedNamespacesNeedAnExpectedKey() {
    assertTrue(WATCH.check(release("io.github.acme/weather", MINE)).isEmpty());
    assertTrue(WATCH.check(release("io.github.acme/weather", OTHER)).isPresent());
    assertFalse(WATCH.watches(release("io.github.other/weather", OTHER)));
    assertTrue(WATCH.check(release("io.github.other/weather", OTHER)).isEmpty());
    assertTrue(WATCH.check(new LogLeaf(LeafKind.REVIEW, "io.github.acme/weather", "1.0.0", ANY, OTHER, ANY))
        .isEmpty());
  }

  @Test
  void bindingsAndRotationsMustBindAnExpectedKey() {
    for (LeafKind kind : new LeafKind[] {LeafKind.KEY_BINDING, LeafKind.KEY_ROTATION}) {
      assertTrue(WATCH.check(keyEvent(kind, "io.github.acme", MINE, MINE)).isEmpty());
      assertTrue(WATCH.check(keyEvent(kind, "io.github.acme", OTHER, MINE)).isPresent(), kind.name());
      assertTrue(WATCH.check(keyEvent(kind, "io.github.acme", OTHER, OTHER)).isPresent(), kind.name());
    }
    assertTrue(WATCH.check(keyEvent(LeafKind.KEY_REVOCATION, "io.github.acme", OTHER, MINE)).isEmpty());
    assertTrue(WATCH.check(keyEvent(LeafKind.KEY_REVOCATION, "io.github.acme", MINE, OTHER)).isPresent());
  }
}
