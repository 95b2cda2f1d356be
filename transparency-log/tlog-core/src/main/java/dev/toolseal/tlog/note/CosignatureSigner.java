package dev.toolseal.tlog.note;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Objects;

/**
 * A witness cosigner (C2SP tlog-cosignature, Ed25519, signature type 0x04). It reuses an Ed25519
 * key pair (and its {@code PRIVATE+KEY} string of type 0x01) under the cosignature key ID, and
 * stamps each cosignature with the current time of its clock. See {@link CosignatureVerifier}
 * for the format.
 */
public final class CosignatureSigner implements Signer {
  private final NoteSigner key;
  private final Clock clock;
  private final CosignatureVerifier verifier;

  private CosignatureSigner(NoteSigner key, Clock clock) {
    this.key = key;
    this.clock = Objects.requireNonNull(clock, "clock");
    try {
      this.verifier = CosignatureVerifier.of(key.name(), key.verifier().publicKey());
    } catch (KeyFormatException e) {
      throw new IllegalStateException("a valid note key is not a valid cosigner key", e);
    }
  }

  /** Cosigns with the Ed25519 key pair of {@code key}, stamping with {@code clock}. */
  public static CosignatureSigner of(NoteSigner key, Clock clock) {
    return new CosignatureSigner(Objects.requireNonNull(key, "key"), clock);
  }

  public static CosignatureSigner generate(String name, SecureRandom random, Clock clock) {
    return new CosignatureSigner(NoteSigner.generate(name, random), clock);
  }

  @Override
  public String name() {
    return key.name();
  }

  @Override
  public int keyId() {
    return verifier.keyId();
  }

  @Override
  public CosignatureVerifier verifier() {
    return verifier;
  }

  /** Cosigns {@code text} at the clock's current time (whole seconds since the epoch). */
  @Override
  public byte[] sign(byte[] text) {
    return signAt(clock.instant().getEpochSecond(), text);
  }

  /** Cosigns {@code text} with an explicit timestamp (seconds since the epoch, non-negative). */
  public byte[] signAt(long timestamp, byte[] text) {
    if (timestamp < 0) {
      throw new IllegalArgumentException("cosignature timestamps are not negative");
    }
    byte[] sig = Ed25519.sign(key.privateKey(), CosignatureVerifier.message(timestamp, text));
    return ByteBuffer.allocate(CosignatureVerifier.SIGNATURE_SIZE).putLong(timestamp).put(sig)
        .array();
  }

  @Override
  public String toString() {
    return "CosignatureSigner[" + name() + "+" + KeyNames.hex(keyId()) + "]";
  }
}
