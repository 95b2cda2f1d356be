package dev.toolseal.verifier.keys;

import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;

/** Generates fresh signing keys with the JDK's default {@link SecureRandom}. */
public final class KeyPairs {
  private KeyPairs() {}

  /** A new Ed25519 key, ToolSeal's default. */
  public static SigningKey generate() {
    return generate(KeyAlgorithm.ED25519);
  }

  /** A new key of {@code algorithm}. */
  public static SigningKey generate(KeyAlgorithm algorithm) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm.jcaKeyAlgorithm());
      if (algorithm == KeyAlgorithm.ECDSA_P256_SHA256) {
        g.initialize(new ECGenParameterSpec("secp256r1"), new SecureRandom());
      }
      java.security.KeyPair pair = g.generateKeyPair();
      return SigningKey.of(pair.getPrivate(),
          VerificationKey.fromSpki(pair.getPublic().getEncoded()));
    } catch (GeneralSecurityException | KeyFormatException e) {
      throw new IllegalStateException("the JDK could not generate a " + algorithm + " key", e);
    }
  }
}
