package dev.toolseal.verifier.attest;

import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.keys.KeyId;
import java.util.Collections;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A typed attestation whose signatures verified.
 *
 * @param value the predicate record (Release, Review, KeyRotation, ...)
 * @param signers the trusted key ids whose signatures verified
 * @param envelopeDigest {@link Envelope#envelopeDigest()} of the envelope it came from
 * @param <T> the predicate record type
 */
public record Verified<T>(T value, SortedSet<KeyId> signers, Hash envelopeDigest) {
  public Verified {
    if (value == null || signers == null || signers.isEmpty() || envelopeDigest == null) {
      throw new IllegalArgumentException("a verified attestation needs a value and signers");
    }
    signers = Collections.unmodifiableSortedSet(new TreeSet<>(signers));
  }

  static <T> Verified<T> of(T value, VerifiedEnvelope env) {
    return new Verified<>(value, env.signers(), env.envelope().envelopeDigest());
  }
}
