package dev.toolseal.verifier.verification;

import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.SuccessCache;
import dev.toolseal.verifier.VerificationException;
import dev.toolseal.verifier.attest.AttestationVerificationException;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.KeyBinding;
import dev.toolseal.verifier.attest.KeyRevocation;
import dev.toolseal.verifier.attest.Ownership;
import dev.toolseal.verifier.attest.PredicateFormatException;
import dev.toolseal.verifier.attest.StatementFormatException;
import dev.toolseal.verifier.attest.Verified;
import dev.toolseal.verifier.bundle.OfflineBundle;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.keys.VerificationKey;
import dev.toolseal.verifier.log.LeafKind;
import dev.toolseal.verifier.log.LogId;
import dev.toolseal.verifier.verification.EvidenceRejectedException.Problem;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The publisher keys of one namespace and the revocations that apply to known keys, read from
 * key-event bundles whose inclusion the caller has already verified.
 *
 * <p>Rules: under {@code LOGGED} trust a namespace's keys are the keys of its key-binding
 * attestations (each signed by the bound key); under {@code PINNED} they are the policy's. A
 * revocation counts if it is signed by the revoked key itself or by a key of the namespace it
 * names, where it revokes one of that namespace's publisher keys (so a publisher cannot revoke
 * an assessor); revocations signed by nobody we know are ignored. A {@code compromised}
 * revocation applies to every entry, the others to entries with a larger log index than the
 * revocation (in the same log). Under {@code LOGGED} trust the bound keys are followed through
 * the namespace's logged rotations ({@link KeyChain}); an entry signed by a key rotated away
 * before it is rejected. Release yanks are read by {@link Yanks}.
 *
 * <p>Under {@code LOGGED} trust a binding without an ownership proof counts only if the policy
 * accepts unproven bindings, and a binding logged after any revocation of a key of its namespace
 * counts only with a proof (docs/design/roots-of-trust.md, section 2). Bindings that do not count
 * are kept aside, so a release signed by their key is refused with the reason.
 */
final class KeyEvents {
  /** A verified revocation and where it is in the log. */
  record Revoked(KeyRevocation revocation, LogId log, long index) {
    /** Log order is only comparable within one log; across logs a revocation always applies. */
    boolean appliesTo(LogId entryLog, long entryIndex) {
      return revocation.reason() == KeyRevocation.Reason.COMPROMISED || !entryLog.equals(log)
          || entryIndex > index;
    }
  }

  /** A binding that does not count, and the revocation that made a proof necessary, if any. */
  private record Unproven(OfflineBundle binding, Optional<OfflineBundle> revocation) {}

  private final String namespace;
  private final KeyChain chain;
  private final Map<KeyId, Unproven> unproven = new LinkedHashMap<>();
  private final Map<KeyId, Ownership> proofs = new LinkedHashMap<>();
  private final Map<KeyId, VerificationKey> publisherKeys;
  private final Map<KeyId, List<Revoked>> revocations = new LinkedHashMap<>();

  private KeyEvents(String namespace, KeyChain chain) {
    this.namespace = namespace;
    this.chain = chain;
    this.publisherKeys = chain.all();
  }

  static KeyEvents read(String namespace, VerificationPolicy policy, List<OfflineBundle> events,
      Collection<VerificationKey> otherKnownKeys) throws VerificationException {
    Map<KeyId, VerificationKey> keys = new LinkedHashMap<>();
    for (OfflineBundle b : events) {
      LeafKind kind = b.leaf().kind();
      if (kind == LeafKind.RELEASE || kind == LeafKind.REVIEW) {
        throw new EvidenceRejectedException(Problem.MALFORMED, "a " + kind.wireName()
            + " bundle was given as a key event; only key bindings, rotations, revocations "
            + "and release yanks are", null);
      }
    }
    KeyChain chain;
    Map<KeyId, Unproven> unproven = new LinkedHashMap<>();
    Map<KeyId, Ownership> proofs = new LinkedHashMap<>();
    if (policy.publisherTrust() == VerificationPolicy.PublisherTrust.PINNED) {
      chain = KeyChain.fixed(policy.pinnedKeys(namespace));
    } else {
      for (OfflineBundle b : events) {
        if (b.leaf().kind() == LeafKind.KEY_BINDING && b.leaf().name().equals(namespace)) {
          KeyBinding binding = binding(b);
          Optional<OfflineBundle> revocation = revocationBefore(namespace, b, events);
          if (binding.ownership().isPresent()
              || (revocation.isEmpty() && policy.acceptsUnprovenBindings())) {
            keys.put(binding.key().keyId(), binding.key());
            binding.ownership().ifPresent(o -> proofs.putIfAbsent(binding.key().keyId(), o));
          } else {
            unproven.putIfAbsent(binding.key().keyId(), new Unproven(b, revocation));
          }
        }
      }
      unproven.keySet().removeAll(keys.keySet());
      try {
        chain = KeyChain.follow(namespace, keys, events);
      } catch (SignatureRejectedException x) {
        // a rotation by a key whose binding does not count: say why it does not
        if (x.role() == LeafKind.KEY_ROTATION
            && x.problem() == SignatureRejectedException.Problem.UNTRUSTED_KEY) {
          for (KeyId k : x.keyIdsSeen()) {
            if (unproven.containsKey(k)) {
              throw unprovenFailure(namespace, k, unproven.get(k),
                  "a rotation of namespace " + namespace, x);
            }
          }
        }
        throw x;
      }
    }
    KeyEvents out = new KeyEvents(namespace, chain);
    out.unproven.putAll(unproven);
    out.proofs.putAll(proofs);
    Map<KeyId, VerificationKey> known = new LinkedHashMap<>(chain.all());
    otherKnownKeys.forEach(k -> known.put(k.keyId(), k));
    for (OfflineBundle b : events) {
      if (b.leaf().kind() == LeafKind.KEY_REVOCATION) {
        out.addRevocation(b, known);
      }
    }
    return out;
  }

  /**
   * The earliest logged revocation of a key of {@code namespace} that is before {@code binding}:
   * in the same log at a smaller index, or in another log (order across logs is unknown, so
   * treated as before). Any revocation leaf naming the namespace counts here, whoever signed it:
   * the registry logged it for the namespace, and counting more revocations only asks for more
   * proofs.
   */
  private static Optional<OfflineBundle> revocationBefore(String namespace,
      OfflineBundle binding, List<OfflineBundle> events) {
    OfflineBundle first = null;
    for (OfflineBundle r : events) {
      if (r.leaf().kind() != LeafKind.KEY_REVOCATION || !r.leaf().name().equals(namespace)) {
        continue;
      }
      boolean sameLog = r.proof().logId().equals(binding.proof().logId());
      if (sameLog && r.proof().index() >= binding.proof().index()) {
        continue;
      }
      if (first == null || r.proof().index() < first.proof().index()) {
        first = r;
      }
    }
    return Optional.ofNullable(first);
  }

  /**
   * Key bindings whose proof of possession verified, by envelope digest (the binding names the
   * key that must have signed, so the envelope is the whole input). Only successes are
   * remembered; see docs/design/verification.md, "Remembered evidence".
   */
  private static final SuccessCache<Hash, KeyBinding> BINDINGS = new SuccessCache<>(1024);

  private static KeyBinding binding(OfflineBundle b) throws VerificationException {
    return BINDINGS.get(b.envelope().envelopeDigest(), () -> {
      try {
        return Attestations.verifyKeyBinding(b.envelope()).value();
      } catch (AttestationVerificationException e) {
        throw Signatures.rejected(LeafKind.KEY_BINDING, b, List.of(b.leaf().keyId()), e);
      } catch (StatementFormatException | PredicateFormatException e) {
        throw new EvidenceRejectedException(Problem.MALFORMED,
            "a key binding bundle does not hold a key binding", e);
      }
    });
  }

  private void addRevocation(OfflineBundle b, Map<KeyId, VerificationKey> known)
      throws VerificationException {
    Verified<KeyRevocation> v;
    try {
      v = Signatures.verifyRevocation(b, known.values());
    } catch (AttestationVerificationException e) {
      if (e.reason() == AttestationVerificationException.Reason.NO_TRUSTED_SIGNATURE) {
        return;
      }
      throw Signatures.rejected(LeafKind.KEY_REVOCATION, b, List.copyOf(known.keySet()), e);
    } catch (StatementFormatException | PredicateFormatException e) {
      throw new EvidenceRejectedException(Problem.MALFORMED,
          "a key revocation bundle does not hold a key revocation", e);
    }
    KeyRevocation r = v.value();
    boolean bySelf = v.signers().contains(r.keyId());
    boolean byNamespace = r.namespace().equals(namespace)
        && publisherKeys.containsKey(r.keyId())
        && v.signers().stream().anyMatch(publisherKeys::containsKey);
    if (bySelf || byNamespace) {
      revocations.computeIfAbsent(r.keyId(), k -> new ArrayList<>())
          .add(new Revoked(r, b.proof().logId(), b.proof().index()));
    }
  }

  /**
   * Throws if {@code key}, which signed {@code what}, is bound to the namespace only by bindings
   * that do not count for lack of an ownership proof.
   */
  void requireNotOnlyUnproven(KeyId key, String what) throws UnprovenBindingException {
    Unproven u = unproven.get(key);
    if (u != null) {
      throw unprovenFailure(namespace, key, u, what, null);
    }
  }

  private static UnprovenBindingException unprovenFailure(String namespace, KeyId key,
      Unproven u, String what, Throwable cause) {
    long index = u.binding().proof().index();
    Optional<Long> revocationIndex = u.revocation().map(r -> r.proof().index());
    Optional<KeyId> revoked = u.revocation().map(r -> new KeyId(r.leaf().digest()));
    String why = u.revocation().isPresent()
        ? "it was logged after the revocation of key " + revoked.get() + " of the namespace at "
            + "log index " + revocationIndex.get() + ", and after a revocation a new binding "
            + "counts only with a proof, whatever the policy says"
        : "this policy does not accept unproven bindings (first come, first served); accept "
            + "them by name if you trust whoever bound the namespace first";
    return new UnprovenBindingException(namespace, key, index, revocationIndex, revoked,
        "the key " + key + " that signed " + what + " is bound to namespace " + namespace
        + " only by the binding at log index " + index + ", which carries no ownership proof; "
        + why, cause);
  }

  /**
   * The ownership proof of the binding {@code key} counts through: its own, or for a key reached
   * by rotation, that of the bound key its chain started from. Empty for pinned keys and for
   * bindings accepted unproven.
   */
  Optional<Ownership> proofOf(KeyId key) {
    List<KeyChain.Rotated> ancestry = chain.ancestry(key);
    KeyId start = ancestry.isEmpty() ? key
        : ancestry.get(ancestry.size() - 1).rotation().oldKeyId();
    return Optional.ofNullable(proofs.get(start));
  }

  /** The namespace's key chain (bound or pinned keys and their rotations). */
  KeyChain chain() {
    return chain;
  }

  /** Throws if the namespace rotated {@code key} away before {@code entry} was logged. */
  void requireNotRotated(KeyId key, OfflineBundle entry, String what)
      throws KeyRotatedException {
    Optional<KeyChain.Rotated> r = chain.rotationAway(key, entry);
    if (r.isPresent()) {
      throw new KeyRotatedException(r.get().rotation(), r.get().index(), entry.proof().index(),
          "the key " + key + " that signed " + what + " was rotated to "
          + r.get().rotation().newKey().keyId() + " at log index " + r.get().index()
          + ", before " + what + " was logged at index " + entry.proof().index()
          + "; only the new key may sign after a rotation");
    }
  }

  /**
   * Throws if a rotation that led to {@code key} was signed by an old key revoked for that
   * rotation (a {@code compromised} revocation applies to every entry the key signed, rotations
   * included), so a thief of a revoked key cannot rotate the namespace to a key of their own.
   */
  void requireAncestryNotRevoked(KeyId key, OfflineBundle entry, String what)
      throws KeyRevokedException {
    for (KeyChain.Rotated rot : chain.ancestry(key)) {
      KeyId old = rot.rotation().oldKeyId();
      Optional<Revoked> r = revocations.getOrDefault(old, List.of()).stream()
          .filter(x -> x.appliesTo(rot.log(), rot.index())).findFirst();
      if (r.isPresent()) {
        KeyRevocation rev = r.get().revocation();
        throw new KeyRevokedException(rev, r.get().index(), rot.index(), "the key " + key
            + " that signed " + what + " was reached through the rotation at log index "
            + rot.index() + ", signed by " + old + ", which was revoked ("
            + rev.reason().wireName() + ") at log index " + r.get().index()
            + "; the namespace needs a new key binding");
      }
    }
  }

  /** Every publisher key of the namespace (the whole chain), by id. */
  Map<KeyId, VerificationKey> publisherKeys() {
    return publisherKeys;
  }

  /** The first revocation of {@code key} that applies to the entry {@code entry}. */
  Optional<Revoked> revocation(KeyId key, OfflineBundle entry) {
    return revocations.getOrDefault(key, List.of()).stream()
        .filter(r -> r.appliesTo(entry.proof().logId(), entry.proof().index())).findFirst();
  }

  /** Throws if {@code key} is revoked for the entry {@code entry}. */
  void requireNotRevoked(KeyId key, OfflineBundle entry, String what)
      throws KeyRevokedException {
    long entryIndex = entry.proof().index();
    Optional<Revoked> r = revocation(key, entry);
    if (r.isPresent()) {
      KeyRevocation rev = r.get().revocation();
      throw new KeyRevokedException(rev, r.get().index(), entryIndex, "the key " + key
          + " that signed " + what + " was revoked (" + rev.reason().wireName()
          + (rev.comment().isEmpty() ? "" : ": " + rev.comment()) + ") at log index "
          + r.get().index() + "; do not trust it until the publisher signs with a new key");
    }
  }
}
