package dev.toolseal.verifier.verification;

import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.SuccessCache;
import dev.toolseal.verifier.VerificationException;
import dev.toolseal.verifier.attest.AttestationVerificationException;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.KeyRotation;
import dev.toolseal.verifier.attest.PredicateFormatException;
import dev.toolseal.verifier.attest.StatementFormatException;
import dev.toolseal.verifier.bundle.OfflineBundle;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.keys.VerificationKey;
import dev.toolseal.verifier.log.LeafKind;
import dev.toolseal.verifier.log.LogId;
import dev.toolseal.verifier.verification.EvidenceRejectedException.Problem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A namespace's publisher keys followed through its logged key rotations, in log order.
 *
 * <p>Rules (docs/design/verification.md, "Key rotation"): the chain starts at the namespace's
 * bound (or pinned) keys. Each rotation of the namespace, taken in log order, must be logged on
 * and signed by a key that is current at that point, and by the new key; it then replaces the
 * old key. A rotation whose old key is not current (a fork: the same key rotated twice, or a key
 * never bound) rejects the whole verification, as does a rotation back to a key the chain
 * already used. Rotations of one namespace must all be in one log: order across logs is unknown.
 */
final class KeyChain {
  /** A verified rotation and where it is in the log. */
  record Rotated(KeyRotation rotation, LogId log, long index) {
    /** Entries logged after the rotation (or in another log) may not use the old key. */
    boolean appliesTo(LogId entryLog, long entryIndex) {
      return !entryLog.equals(log) || entryIndex > index;
    }
  }

  private record RotationKey(Hash envelopeDigest, VerificationKey oldKey) {}

  /**
   * Verified rotation envelopes, by envelope digest and the old key they were checked against
   * (the new key is in the statement). Only successes are remembered.
   */
  private static final SuccessCache<RotationKey, KeyRotation> ROTATIONS =
      new SuccessCache<>(1024);

  private final Map<KeyId, VerificationKey> start;
  private final Map<KeyId, VerificationKey> all;
  private final Map<KeyId, VerificationKey> current;
  private final List<Rotated> rotations;

  private KeyChain(Map<KeyId, VerificationKey> start, Map<KeyId, VerificationKey> all,
      Map<KeyId, VerificationKey> current, List<Rotated> rotations) {
    this.start = Collections.unmodifiableMap(new LinkedHashMap<>(start));
    this.all = Collections.unmodifiableMap(new LinkedHashMap<>(all));
    this.current = Collections.unmodifiableMap(new LinkedHashMap<>(current));
    this.rotations = List.copyOf(rotations);
  }

  /** The chain of {@code start} without rotations (pinned keys). */
  static KeyChain fixed(Map<KeyId, VerificationKey> start) {
    return new KeyChain(start, start, start, List.of());
  }

  /** Follows the rotations of {@code namespace} among {@code events}, from {@code start}. */
  static KeyChain follow(String namespace, Map<KeyId, VerificationKey> start,
      List<OfflineBundle> events) throws VerificationException {
    TreeMap<Long, OfflineBundle> ordered = new TreeMap<>();
    LogId log = null;
    for (OfflineBundle b : events) {
      if (b.leaf().kind() != LeafKind.KEY_ROTATION || !b.leaf().name().equals(namespace)) {
        continue;
      }
      if (log != null && !log.equals(b.proof().logId())) {
        throw new EvidenceRejectedException(Problem.MALFORMED, "rotations of namespace "
            + namespace + " were logged in more than one log, so their order is unknown; "
            + "the key chain cannot be followed", null);
      }
      log = b.proof().logId();
      ordered.put(b.proof().index(), b);
    }
    Map<KeyId, VerificationKey> all = new LinkedHashMap<>(start);
    Map<KeyId, VerificationKey> current = new LinkedHashMap<>(start);
    List<Rotated> rotated = new ArrayList<>();
    for (OfflineBundle b : ordered.values()) {
      VerificationKey old = current.get(b.keyHint());
      if (old == null) {
        throw Signatures.untrusted(LeafKind.KEY_ROTATION, b, List.copyOf(current.keySet()));
      }
      KeyRotation r = rotation(b, old);
      if (all.containsKey(r.newKey().keyId())) {
        throw new EvidenceRejectedException(Problem.MALFORMED, "the rotation at log index "
            + b.proof().index() + " returns namespace " + namespace + " to the key "
            + r.newKey().keyId() + ", which the chain already used", null);
      }
      current.remove(old.keyId());
      current.put(r.newKey().keyId(), r.newKey());
      all.put(r.newKey().keyId(), r.newKey());
      rotated.add(new Rotated(r, b.proof().logId(), b.proof().index()));
    }
    return new KeyChain(start, all, current, rotated);
  }

  private static KeyRotation rotation(OfflineBundle b, VerificationKey old)
      throws VerificationException {
    return ROTATIONS.get(new RotationKey(b.envelope().envelopeDigest(), old), () -> {
      try {
        return Attestations.verifyRotation(b.envelope(), old).value();
      } catch (AttestationVerificationException e) {
        throw Signatures.rejected(LeafKind.KEY_ROTATION, b, List.of(old.keyId()), e);
      } catch (StatementFormatException | PredicateFormatException e) {
        throw new EvidenceRejectedException(Problem.MALFORMED,
            "a key rotation bundle does not hold a key rotation", e);
      }
    });
  }

  /** Every key the chain ever held, by id: the start keys and each rotation's new key. */
  Map<KeyId, VerificationKey> all() {
    return all;
  }

  /** The keys current after every rotation. */
  Map<KeyId, VerificationKey> current() {
    return current;
  }

  /**
   * The keys current at a log position: the start keys moved through the rotations logged
   * before it. For a position in another log than the rotations, every key of the chain.
   */
  Map<KeyId, VerificationKey> currentAt(LogId log, long index) {
    if (rotations.isEmpty() || !rotations.get(0).log().equals(log)) {
      return all;
    }
    Map<KeyId, VerificationKey> at = new LinkedHashMap<>(start);
    for (Rotated r : rotations) {
      if (r.index() < index) {
        at.remove(r.rotation().oldKeyId());
        at.put(r.rotation().newKey().keyId(), r.rotation().newKey());
      }
    }
    return at;
  }

  /** The rotations that led to {@code key}, newest first (empty for a start key). */
  List<Rotated> ancestry(KeyId key) {
    List<Rotated> out = new ArrayList<>();
    KeyId at = key;
    for (int i = rotations.size() - 1; i >= 0; i--) {
      Rotated r = rotations.get(i);
      if (r.rotation().newKey().keyId().equals(at)) {
        out.add(r);
        at = r.rotation().oldKeyId();
      }
    }
    return out;
  }

  /** The rotation away from {@code key} that applies to {@code entry}, if any. */
  Optional<Rotated> rotationAway(KeyId key, OfflineBundle entry) {
    return rotations.stream().filter(r -> r.rotation().oldKeyId().equals(key))
        .filter(r -> r.appliesTo(entry.proof().logId(), entry.proof().index())).findFirst();
  }
}
