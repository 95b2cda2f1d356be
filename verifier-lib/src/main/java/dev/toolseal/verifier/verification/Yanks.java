package dev.toolseal.verifier.verification;

import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.SuccessCache;
import dev.toolseal.verifier.VerificationException;
import dev.toolseal.verifier.attest.AttestationVerificationException;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.PredicateFormatException;
import dev.toolseal.verifier.attest.ReleaseYank;
import dev.toolseal.verifier.attest.StatementFormatException;
import dev.toolseal.verifier.attest.Subject;
import dev.toolseal.verifier.bundle.OfflineBundle;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.keys.VerificationKey;
import dev.toolseal.verifier.log.LeafKind;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.verification.EvidenceRejectedException.Problem;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;

/**
 * Release yanks: a yank counts only if it is logged on, and signed by, a key of the release's
 * namespace that was current at the yank's log position ({@link KeyChain#currentAt}). Yanks
 * signed by any other key are ignored with a note: honouring them would let anyone who can get
 * an entry logged (or slip one into offline evidence) withdraw someone else's release. A
 * counted yank must verify (a forged one rejects, like any unsound evidence); it rejects the
 * release only if it names the same server, version and manifest digest.
 */
final class Yanks {
  private record YankKey(Hash envelopeDigest, VerificationKey signer) {}

  /** Verified yank envelopes, by envelope digest and signer key. Only successes are kept. */
  private static final SuccessCache<YankKey, ReleaseYank> YANKS = new SuccessCache<>(1024);

  private Yanks() {}

  /** Throws if a counted yank among {@code events} withdraws {@code release}. */
  static void requireNotYanked(Subject release, String namespace,
      List<OfflineBundle> events, KeyChain chain, Consumer<String> notes)
      throws VerificationException {
    List<OfflineBundle> yanks = events.stream()
        .filter(b -> b.leaf().kind() == LeafKind.RELEASE_YANK)
        .sorted(Comparator.comparingLong(b -> b.proof().index())).toList();
    for (OfflineBundle b : yanks) {
      if (!inNamespace(b.leaf().name(), namespace)) {
        continue;
      }
      VerificationKey signer = chain.currentAt(b.proof().logId(), b.proof().index())
          .get(b.keyHint());
      if (signer == null) {
        notes.accept("ignored a yank of " + Signatures.subject(b) + " at log index "
            + b.proof().index() + ": signed by " + b.keyHint() + ", which was not a current "
            + "key of namespace " + namespace + " there");
        continue;
      }
      ReleaseYank y = yank(b, signer);
      if (y.subject().equals(release)) {
        throw new ReleaseYankedException(y, signer.keyId(), b.proof().index(), "the publisher "
            + "yanked " + release.name() + " (digest " + release.sha256() + ") at log index "
            + b.proof().index() + ", signed by " + signer.keyId() + ", saying: \""
            + VisibleText.of(y.reason()) + "\"; use another release");
      }
    }
  }

  private static boolean inNamespace(String serverName, String namespace) {
    return serverName.startsWith(namespace + "/");
  }

  private static ReleaseYank yank(OfflineBundle b, VerificationKey signer)
      throws VerificationException {
    List<KeyId> trusted = List.of(signer.keyId());
    return YANKS.get(new YankKey(b.envelope().envelopeDigest(), signer), () -> {
      try {
        return Attestations.verifyYank(b.envelope(), signer).value();
      } catch (AttestationVerificationException e) {
        throw Signatures.rejected(LeafKind.RELEASE_YANK, b, trusted, e);
      } catch (StatementFormatException | PredicateFormatException e) {
        throw new EvidenceRejectedException(Problem.MALFORMED,
            "a release yank bundle does not hold a release yank", e);
      }
    });
  }
}
