package dev.toolseal.tlog.engine;

import dev.toolseal.tlog.checkpoint.CheckpointSigner;
import dev.toolseal.tlog.note.NoteSigner;
import dev.toolseal.tlog.note.NoteVerifier;
import java.util.Arrays;

/** A fixed Ed25519 log key for tests (seed 0x01 repeated); never use it for a real log. */
public final class TestLogKey {
  /** The log's origin and key name. */
  public static final String ORIGIN = "test.toolseal.dev/log";

  private TestLogKey() {}

  public static NoteSigner key() {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 1);
    return NoteSigner.fromSeed(ORIGIN, seed);
  }

  public static CheckpointSigner signer() {
    return new CheckpointSigner(key());
  }

  public static NoteVerifier verifier() {
    return key().verifier();
  }
}
