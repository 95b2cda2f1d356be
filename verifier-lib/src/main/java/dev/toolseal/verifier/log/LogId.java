package dev.toolseal.verifier.log;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.note.NoteVerifier;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/**
 * Names a log by its checkpoint key: SHA-256(key name || 0x0A || 0x01 || Ed25519 public key),
 * the full hash whose first four bytes are the C2SP note key ID. It is the {@code logId.keyId} of
 * a Sigstore bundle's transparency log entry.
 *
 * @param hash the 32-byte identifier
 */
public record LogId(Hash hash) {
  public LogId {
    Objects.requireNonNull(hash, "hash");
  }

  /** The id of the log whose checkpoints {@code key} verifies. */
  public static LogId of(NoteVerifier key) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(key.name().getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0x0A);
      md.update(NoteVerifier.TYPE);
      md.update(key.publicKey());
      return new LogId(Hash.of(md.digest()));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }

  @Override
  public String toString() {
    return hash.hex();
  }
}
