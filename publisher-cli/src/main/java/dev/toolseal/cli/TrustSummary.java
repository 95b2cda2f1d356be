package dev.toolseal.cli;

import dev.toolseal.tlog.note.NoteVerifier;
import dev.toolseal.verifier.attest.Ownership;
import dev.toolseal.verifier.manifest.VisibleText;
import dev.toolseal.verifier.verification.VerificationPolicy;
import dev.toolseal.verifier.verification.VerifiedRelease;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a registry-mode verification trusts when the user pinned no publisher key and required no
 * review (docs/design/roots-of-trust.md, section 4): the log (origin and key), the publisher key
 * the log gave for the namespace and how its binding was proven, reviews, witnesses, and where
 * checkpoints are remembered. A few plain lines for stderr; the publisher line comes from the
 * verified release only.
 */
final class TrustSummary {
  private TrustSummary() {}

  /** Whether the summary is due: registry evidence, keys from the log, no required review. */
  static boolean due(boolean registry, VerificationPolicy policy) {
    return registry && policy.publisherTrust() == VerificationPolicy.PublisherTrust.LOGGED
        && policy.requiredReviews() == 0;
  }

  /**
   * The lines. {@code release} is the verified release, if verification got that far (empty
   * before a verification, as in the guard at start); {@code checkpoints} says where checkpoints
   * are remembered.
   */
  static List<String> lines(VerificationPolicy policy, String namespace,
      Optional<VerifiedRelease> release, String checkpoints) {
    List<String> out = new ArrayList<>();
    out.add("what this verification trusts (no --publisher-key, no --require-reviews):");
    for (NoteVerifier key : policy.logTrust().logKeys()) {
      out.add("  log " + VisibleText.of(key.name()) + " signed by the key "
          + VisibleText.of(key.verifierKey()) + ", and the registry serving its entries");
    }
    String ns = VisibleText.of(namespace);
    String unproven = policy.acceptsUnprovenBindings() ? "proven or unproven" : "proven";
    if (release.isPresent()) {
      VerifiedRelease r = release.get();
      out.add("  publisher key " + r.publisher().hex() + ", taken from the log for namespace "
          + ns + "; its binding is " + r.publisherProof().map(TrustSummary::proof)
              .orElse("unproven (--accept-unproven-namespaces: first come, first served)"));
    } else {
      out.add("  publisher keys: taken from the log for namespace " + ns + " (" + unproven
          + " bindings)");
    }
    out.add("  reviews: none required");
    List<String> witnesses = policy.logTrust().witnesses().stream()
        .map(w -> VisibleText.of(w.name())).toList();
    out.add(policy.logTrust().quorum() == 0
        ? "  witnesses: none; the log key alone vouches for each checkpoint, whose age cannot be "
            + "known"
        : "  witnesses: " + policy.logTrust().quorum() + " of " + witnesses.size() + " ("
            + String.join(", ", witnesses) + ") must cosign each checkpoint"
            + policy.logTrust().maxAge().map(a -> ", each cosignature at most "
                + a.toString().substring(2).toLowerCase(Locale.ROOT) + " old")
                .orElse(", at any age"));
    out.add("  checkpoints remembered " + checkpoints);
    return out;
  }

  private static String proof(Ownership o) {
    return "proven by " + o.method().wireName() + " " + VisibleText.of(o.shown());
  }
}
