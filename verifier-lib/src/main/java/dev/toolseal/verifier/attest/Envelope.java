package dev.toolseal.verifier.attest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.attest.CanonicalJson.JsonException;
import dev.toolseal.verifier.keys.KeyFormatException;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.keys.SigningKey;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A DSSE envelope: {@code {"payload": b64, "payloadType": str, "signatures": [{"keyid": str,
 * "sig": b64}]}}. Unverified as parsed; see {@link EnvelopeVerifier}.
 *
 * <p>Parsing is stricter than DSSE requires (see docs/design/attestations.md): at most
 * {@link #MAX_ENVELOPE_BYTES} of strict UTF-8 JSON; exactly the three fields above and exactly
 * {@code keyid} and {@code sig} per signature (unknown fields are refused, not ignored); base64
 * must be canonical standard padded base64 (URL-safe and unpadded forms are refused); every
 * {@code keyid} is a ToolSeal {@link KeyId}, distinct, 1..{@link #MAX_SIGNATURES} of them.
 *
 * <p>{@link #toJson()} is the canonical form: JCS (RFC 8785) with signatures sorted by key id.
 * {@link #envelopeDigest()} is SHA-256 of those bytes.
 */
public final class Envelope {
  public static final int MAX_ENVELOPE_BYTES = 4 * 1024 * 1024;
  public static final int MAX_SIGNATURES = 16;
  public static final int MAX_PAYLOAD_TYPE_CHARS = 256;

  private final String payloadType;
  private final byte[] payload;
  private final List<DsseSignature> signatures;
  private volatile byte[] canonical;
  private volatile Hash digest;

  private Envelope(String payloadType, byte[] payload, List<DsseSignature> signatures) {
    this.payloadType = payloadType;
    this.payload = payload;
    List<DsseSignature> sorted = new ArrayList<>(signatures);
    sorted.sort(Comparator.comparing(DsseSignature::keyId));
    this.signatures = List.copyOf(sorted);
  }

  /** Builds an envelope from parts, checking the same rules as {@link #parse}. */
  public static Envelope of(String payloadType, byte[] payload, List<DsseSignature> signatures)
      throws EnvelopeFormatException {
    Envelope e = build(payloadType, payload, signatures);
    if (e.canonicalBytes().length > MAX_ENVELOPE_BYTES) {
      throw new EnvelopeFormatException("envelope larger than " + MAX_ENVELOPE_BYTES + " bytes");
    }
    return e;
  }

  private static Envelope build(String payloadType, byte[] payload,
      List<DsseSignature> signatures) throws EnvelopeFormatException {
    checkPayloadType(payloadType);
    if (payload == null) {
      throw new EnvelopeFormatException("payload is required");
    }
    if (signatures == null || signatures.isEmpty() || signatures.size() > MAX_SIGNATURES) {
      throw new EnvelopeFormatException("an envelope has 1.." + MAX_SIGNATURES + " signatures");
    }
    Set<KeyId> ids = new HashSet<>();
    for (DsseSignature s : signatures) {
      if (!ids.add(s.keyId())) {
        throw new EnvelopeFormatException("two signatures with the same key id");
      }
    }
    return new Envelope(payloadType, payload.clone(), signatures);
  }

  /** Signs PAE(payloadType, payload) with each key (distinct keys, at least one). */
  public static Envelope sign(String payloadType, byte[] payload, List<SigningKey> keys)
      throws EnvelopeFormatException {
    checkPayloadType(payloadType);
    byte[] pae = Pae.encode(payloadType, payload);
    List<DsseSignature> sigs = new ArrayList<>();
    for (SigningKey k : keys) {
      sigs.add(new DsseSignature(k.keyId(), k.sign(pae)));
    }
    return of(payloadType, payload, sigs);
  }

  /** Parses envelope JSON strictly; see the class comment for the rules. */
  public static Envelope parse(byte[] json) throws EnvelopeFormatException {
    try {
      JsonNode root = CanonicalJson.parse(json, MAX_ENVELOPE_BYTES);
      JsonFields env = JsonFields.of(root, "envelope",
          Set.of("payload", "payloadType", "signatures"));
      byte[] payload = env.base64("payload", MAX_ENVELOPE_BYTES);
      String payloadType = env.text("payloadType", MAX_PAYLOAD_TYPE_CHARS);
      List<DsseSignature> sigs = new ArrayList<>();
      for (JsonNode s : env.array("signatures", MAX_SIGNATURES, false)) {
        JsonFields f = JsonFields.of(s, "signature", Set.of("keyid", "sig"));
        KeyId keyId = KeyId.parse(f.text("keyid", 64));
        byte[] sig = f.base64("sig", DsseSignature.MAX_SIG_BYTES);
        if (sig.length == 0 || sig.length > DsseSignature.MAX_SIG_BYTES) {
          throw new EnvelopeFormatException("signature has a bad length");
        }
        sigs.add(new DsseSignature(keyId, sig));
      }
      // no size re-check: canonical JSON is never longer than the bounded input it came from
      return build(payloadType, payload, sigs);
    } catch (JsonException | KeyFormatException e) {
      throw new EnvelopeFormatException(e.getMessage());
    }
  }

  private static void checkPayloadType(String payloadType) throws EnvelopeFormatException {
    if (payloadType == null || payloadType.isEmpty()
        || payloadType.length() > MAX_PAYLOAD_TYPE_CHARS
        || payloadType.chars().anyMatch(Character::isISOControl)) {
      throw new EnvelopeFormatException("payloadType must be 1.." + MAX_PAYLOAD_TYPE_CHARS
          + " characters without control characters");
    }
  }

  public String payloadType() {
    return payloadType;
  }

  /** A copy of the payload bytes; unauthenticated until verified. */
  public byte[] payload() {
    return payload.clone();
  }

  /** The signatures, sorted by key id. */
  public List<DsseSignature> signatures() {
    return signatures;
  }

  /** The key ids named by the signatures, sorted. */
  public List<KeyId> keyIds() {
    return signatures.stream().map(DsseSignature::keyId).toList();
  }

  /** PAE(payloadType, payload): the bytes every signature covers. */
  public byte[] pae() {
    return Pae.encode(payloadType, payload);
  }

  /** The canonical JSON: JCS bytes, signatures sorted by key id. */
  public byte[] toJson() {
    return canonicalBytes().clone();
  }

  /** The memoized canonical bytes (an immutable envelope has one canonical form); never leaked. */
  private byte[] canonicalBytes() {
    byte[] c = canonical;
    if (c == null) {
      c = canonicalJson();
      canonical = c;
    }
    return c;
  }

  private byte[] canonicalJson() {
    ObjectNode root = CanonicalJson.mapper().createObjectNode();
    root.put("payload", Base64.getEncoder().encodeToString(payload));
    root.put("payloadType", payloadType);
    ArrayNode sigs = root.putArray("signatures");
    for (DsseSignature s : signatures) {
      ObjectNode o = sigs.addObject();
      o.put("keyid", s.keyId().hex());
      o.put("sig", Base64.getEncoder().encodeToString(s.sig()));
    }
    return CanonicalJson.canonical(root);
  }

  /**
   * SHA-256 of {@link #toJson()}. Equal for envelopes that differ only in JSON whitespace, key
   * order or signature order; different when any signature differs or is added (including a
   * re-randomised ECDSA signature over the same payload), so it names one envelope, not one
   * statement.
   */
  public Hash envelopeDigest() {
    Hash d = digest;
    if (d == null) {
      d = CanonicalJson.sha256(canonicalBytes());
      digest = d;
    }
    return d;
  }

  /** SHA-256 of the payload bytes. */
  public Hash payloadDigest() {
    return CanonicalJson.sha256(payload);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Envelope e && envelopeDigest().equals(e.envelopeDigest());
  }

  @Override
  public int hashCode() {
    return envelopeDigest().hashCode();
  }

  @Override
  public String toString() {
    return "Envelope[" + payloadType + ", " + payload.length + " bytes, signed by " + keyIds()
        + "]";
  }
}
