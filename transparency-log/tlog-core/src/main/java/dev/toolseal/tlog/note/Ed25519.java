package dev.toolseal.tlog.note;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.InvalidKeyException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.EdECPrivateKey;
import java.security.interfaces.EdECPublicKey;
import java.security.spec.EdECPoint;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.EdECPublicKeySpec;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * Ed25519 (RFC 8032) through the JDK's SunEC provider, with conversions between the raw 32-byte
 * encodings used on the wire and the JDK's key objects.
 */
final class Ed25519 {
  static final int KEY_SIZE = 32;
  static final int SIGNATURE_SIZE = 64;

  /** The field prime 2^255 - 19; a y coordinate at or above it is a non-canonical encoding. */
  private static final BigInteger P = BigInteger.ONE.shiftLeft(255).subtract(BigInteger.valueOf(19));

  private Ed25519() {}

  /** A freshly generated key pair; the caller reads the seed and the public key from it. */
  static KeyPair generate(SecureRandom random) {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("Ed25519");
      gen.initialize(NamedParameterSpec.ED25519, random);
      return gen.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519", e);
    }
  }

  /** The 32-byte seed (RFC 8032 private key) of a JDK Ed25519 private key. */
  static byte[] seed(PrivateKey key) {
    return ((EdECPrivateKey) key).getBytes()
        .orElseThrow(() -> new IllegalStateException("Ed25519 private key has no seed bytes"));
  }

  static PrivateKey privateKey(byte[] seed) {
    if (seed.length != KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
    }
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed.clone()));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK rejected an Ed25519 seed", e);
    }
  }

  /**
   * Derives the raw public key of {@code seed}. The JDK has no public API for this, so the seed is
   * fed to its key pair generator as the "random" bytes. That this yields the right key is checked
   * once per JVM against RFC 8032's first test vector (see {@link Check}), and on every call the
   * generated private key must carry exactly the given seed; a JDK that consumed randomness
   * differently could therefore only make this fail, never yield a wrong key.
   */
  static byte[] derivePublicKey(byte[] seed) {
    Check.ensure();
    return derive(seed);
  }

  private static byte[] derive(byte[] seed) {
    if (seed.length != KEY_SIZE) {
      throw new IllegalArgumentException("an Ed25519 seed is 32 bytes");
    }
    KeyPair pair = generate(new SeedRandom(seed));
    if (!Arrays.equals(seed(pair.getPrivate()), seed)) {
      throw new IllegalStateException("the JDK did not use the given Ed25519 seed");
    }
    return encodePublicKey(pair.getPublic());
  }

  /** The one-time self-check of {@link #derivePublicKey}: RFC 8032 section 7.1, TEST 1. */
  private static final class Check {
    private static final boolean OK = Arrays.equals(
        derive(HexFormat.of().parseHex(
            "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60")),
        HexFormat.of().parseHex(
            "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));

    static void ensure() {
      if (!OK) {
        throw new IllegalStateException("Ed25519 public key derivation fails RFC 8032 TEST 1");
      }
    }
  }

  /** The RFC 8032 encoding of a JDK Ed25519 public key: y little-endian, x parity in bit 255. */
  static byte[] encodePublicKey(PublicKey key) {
    EdECPoint point = ((EdECPublicKey) key).getPoint();
    byte[] be = point.getY().toByteArray();
    byte[] out = new byte[KEY_SIZE];
    for (int i = 0; i < be.length && i < KEY_SIZE; i++) {
      out[i] = be[be.length - 1 - i];
    }
    if (point.isXOdd()) {
      out[KEY_SIZE - 1] |= (byte) 0x80;
    }
    return out;
  }

  /**
   * Decodes a raw 32-byte public key, or returns null if it is not a canonical encoding (y must
   * be below the field prime). Whether the point is on the curve is left to verification, which
   * then fails.
   */
  static PublicKey decodePublicKey(byte[] raw) {
    if (raw.length != KEY_SIZE) {
      return null;
    }
    boolean xOdd = (raw[KEY_SIZE - 1] & 0x80) != 0;
    byte[] be = new byte[KEY_SIZE];
    for (int i = 0; i < KEY_SIZE; i++) {
      be[i] = raw[KEY_SIZE - 1 - i];
    }
    be[0] &= 0x7f;
    BigInteger y = new BigInteger(1, be);
    if (y.compareTo(P) >= 0) {
      return null;
    }
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(
          new EdECPublicKeySpec(NamedParameterSpec.ED25519, new EdECPoint(xOdd, y)));
    } catch (InvalidKeySpecException e) {
      return null;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519", e);
    }
  }

  static byte[] sign(PrivateKey key, byte[] message) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(message);
      return s.sign();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("Ed25519 signing failed", e);
    }
  }

  /** True only if {@code sig} is a valid signature of {@code message} under raw key {@code pub}. */
  static boolean verify(byte[] pub, byte[] message, byte[] sig) {
    PublicKey key = decodePublicKey(pub);
    if (key == null || sig.length != SIGNATURE_SIZE) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(message);
      return s.verify(sig);
    } catch (InvalidKeyException | SignatureException e) {
      return false;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("the JDK has no Ed25519", e);
    }
  }

  /** A "random" source that hands out one fixed seed exactly once. */
  private static final class SeedRandom extends SecureRandom {
    private static final long serialVersionUID = 1L;
    private byte[] seed;

    SeedRandom(byte[] seed) {
      this.seed = seed.clone();
    }

    @Override
    public void nextBytes(byte[] bytes) {
      if (seed == null || bytes.length != seed.length) {
        throw new IllegalStateException("unexpected request for random bytes");
      }
      System.arraycopy(seed, 0, bytes, 0, seed.length);
      Arrays.fill(seed, (byte) 0);
      seed = null;
    }
  }
}
