package dev.toolseal.verifier.attest;

import dev.toolseal.verifier.attest.AttestationVerificationException.Reason;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.keys.SignatureVerificationException;
import dev.toolseal.verifier.keys.VerificationKey;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Checks DSSE signatures against keys the caller trusts. Rules, for both entry points: the
 * payloadType must be the expected one; every signature whose key id is trusted must verify
 * over the PAE, or the whole envelope is refused ({@link Reason#BAD_SIGNATURE}); signatures by
 * other key ids are ignored. Never returns without at least one verified signature.
 */
public final class EnvelopeVerifier {
  private EnvelopeVerifier() {}

  /** Accepts if at least one key in {@code trusted} signed. */
  public static VerifiedEnvelope verifyAny(Envelope envelope, String payloadType,
      Collection<VerificationKey> trusted) throws AttestationVerificationException {
    Set<KeyId> signers = verifyTrusted(envelope, payloadType, trusted);
    if (signers.isEmpty()) {
      throw failure(Reason.NO_TRUSTED_SIGNATURE, "no signature by a trusted key", envelope,
          trusted, null);
    }
    return VerifiedEnvelope.of(envelope, signers);
  }

  /** Accepts only if every key in {@code required} (at least one) signed. */
  public static VerifiedEnvelope verifyAll(Envelope envelope, String payloadType,
      Collection<VerificationKey> required) throws AttestationVerificationException {
    if (required.isEmpty()) {
      throw new IllegalArgumentException("at least one required key");
    }
    Set<KeyId> signers = verifyTrusted(envelope, payloadType, required);
    for (VerificationKey k : required) {
      if (!signers.contains(k.keyId())) {
        throw failure(Reason.MISSING_REQUIRED_SIGNATURE, "a required key did not sign",
            envelope, required, null);
      }
    }
    return VerifiedEnvelope.of(envelope, signers);
  }

  private static Set<KeyId> verifyTrusted(Envelope envelope, String payloadType,
      Collection<VerificationKey> trusted) throws AttestationVerificationException {
    if (!envelope.payloadType().equals(payloadType)) {
      throw failure(Reason.WRONG_PAYLOAD_TYPE, "unexpected payloadType", envelope, trusted,
          null);
    }
    Map<KeyId, VerificationKey> byId = new TreeMap<>();
    for (VerificationKey k : trusted) {
      byId.put(k.keyId(), k);
    }
    byte[] pae = envelope.pae();
    Set<KeyId> verified = new HashSet<>();
    for (DsseSignature s : envelope.signatures()) {
      VerificationKey key = byId.get(s.keyId());
      if (key == null) {
        continue;
      }
      try {
        key.verify(pae, s.sig());
      } catch (SignatureVerificationException e) {
        throw failure(Reason.BAD_SIGNATURE, "a signature by a trusted key does not verify",
            envelope, trusted, e);
      }
      verified.add(s.keyId());
    }
    return verified;
  }

  static AttestationVerificationException failure(Reason reason, String message,
      Envelope envelope, Collection<VerificationKey> keys, Throwable cause) {
    List<KeyId> required = keys.stream().map(VerificationKey::keyId).sorted().distinct()
        .toList();
    return new AttestationVerificationException(reason, message, envelope.keyIds(), required,
        null, null, cause);
  }
}
