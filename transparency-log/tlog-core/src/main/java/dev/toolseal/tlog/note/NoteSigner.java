package dev.toolseal.tlog.note;

import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * An Ed25519 note signing key (signature type 0x01). Its string form is
 * {@code PRIVATE+KEY+name+hexid+base64(0x01||seed)}, where the ID is that of the public key. The
 * private key never appears in {@link #toString()} or in exception messages.
 */
public final class NoteSigner implements Signer {
  private final String name;
  private final PrivateKey privateKey;
  private final NoteVerifier verifier;

  private NoteSigner(String name, PrivateKey privateKey, byte[] publicKey) {
    this.name = name;
    this.privateKey = privateKey;
    try {
      this.verifier = NoteVerifier.of(name, publicKey);
    } catch (KeyFormatException e) {
      throw new IllegalStateException("the JDK produced an unusable Ed25519 public key", e);
    }
  }

  /** Generates a new key named {@code name}. */
  public static NoteSigner generate(String name, SecureRandom random) {
    requireValidName(name);
    Objects.requireNonNull(random, "random");
    KeyPair pair = Ed25519.generate(random);
    return new NoteSigner(name, pair.getPrivate(), Ed25519.encodePublicKey(pair.getPublic()));
  }

  /** The key named {@code name} with the given 32-byte RFC 8032 seed. */
  public static NoteSigner fromSeed(String name, byte[] seed) {
    requireValidName(name);
    if (seed.length != Ed25519.KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
    }
    return new NoteSigner(name, Ed25519.privateKey(seed), Ed25519.derivePublicKey(seed));
  }

  /**
   * Parses a private key string of type 0x01.
   *
   * @throws KeyFormatException if malformed, of another type, or the ID does not match the key
   */
  public static NoteSigner fromPrivateKeyString(String privateKey) throws KeyFormatException {
    KeyString k = KeyString.parsePrivate(privateKey);
    if (k.type() != NoteVerifier.TYPE || k.key().length != Ed25519.KEY_SIZE) {
      throw new KeyFormatException("not a 32-byte Ed25519 note key seed (type 0x01)");
    }
    NoteSigner s = fromSeed(k.name(), k.key());
    if (s.keyId() != k.keyId()) {
      throw new KeyFormatException("key ID does not match the name and key");
    }
    return s;
  }

  /** The secret string form; handle it like the key itself. */
  public String toPrivateKeyString() {
    return KeyString.PRIVATE_PREFIX
        + KeyString.format(name, keyId(), NoteVerifier.TYPE, Ed25519.seed(privateKey));
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public int keyId() {
    return verifier.keyId();
  }

  @Override
  public NoteVerifier verifier() {
    return verifier;
  }

  /** The public verifier key string of this key. */
  public String verifierKey() {
    return verifier.verifierKey();
  }

  /** The 64-byte Ed25519 signature of {@code message}. */
  @Override
  public byte[] sign(byte[] message) {
    return Ed25519.sign(privateKey, message);
  }

  /** For cosigners that reuse this key pair under signature type 0x04. */
  PrivateKey privateKey() {
    return privateKey;
  }

  @Override
  public String toString() {
    return "NoteSigner[" + name + "+" + KeyNames.hex(keyId()) + "]";
  }

  private static void requireValidName(String name) {
    if (!KeyNames.isValid(name)) {
      throw new IllegalArgumentException("invalid key name");
    }
  }
}
