package dev.toolseal.tlog.note;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Deterministic test keys: seed = 32 copies of one byte, so tests are reproducible. */
final class TestKeys {
  private TestKeys() {}

  static NoteSigner signer(String name, int seedByte) {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) seedByte);
    return NoteSigner.fromSeed(name, seed);
  }

  private static final List<NoteSigner> MANY = new ArrayList<>();

  /** The first {@code n} of a fixed series of signers, built once (key derivation is slow). */
  static synchronized List<NoteSigner> signers(int n) {
    while (MANY.size() < n) {
      MANY.add(signer("signer" + MANY.size() + ".example", MANY.size() + 1));
    }
    return List.copyOf(MANY.subList(0, n));
  }
}
