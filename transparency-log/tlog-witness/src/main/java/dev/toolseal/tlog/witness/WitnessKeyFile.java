package dev.toolseal.tlog.witness;

import dev.toolseal.tlog.note.CosignatureSigner;
import dev.toolseal.tlog.note.KeyFormatException;
import dev.toolseal.tlog.note.NoteSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Set;

/**
 * The witness's private key on disk: one line, the {@code PRIVATE+KEY+name+id+base64} string of
 * an Ed25519 key (type 0x01, as C2SP signed-note keys are written; the cosigner uses the same key
 * pair under type 0x04). The file is created new, readable by its owner only.
 */
public final class WitnessKeyFile {
  private static final int MAX_CHARS = 4096;
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private WitnessKeyFile() {}

  /**
   * Generates a key named {@code name} into the new file {@code file} (never overwrites) and
   * returns it as a cosigner stamping with {@code clock}.
   */
  public static CosignatureSigner generate(Path file, String name, SecureRandom random, Clock clock)
      throws IOException {
    NoteSigner key = NoteSigner.generate(name, random);
    byte[] text = (key.toPrivateKeyString() + "\n").getBytes(StandardCharsets.US_ASCII);
    try {
      Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (UnsupportedOperationException e) {
      throw new IOException("the file system cannot make a file readable by its owner only", e);
    }
    try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE,
        StandardOpenOption.SYNC)) {
      out.write(text);
    }
    return CosignatureSigner.of(key, clock);
  }

  /**
   * Reads a key file.
   *
   * @throws IOException if unreadable, or not exactly one private key line
   */
  public static CosignatureSigner read(Path file, Clock clock) throws IOException {
    byte[] raw;
    try (InputStream in = Files.newInputStream(file)) {
      raw = in.readNBytes(MAX_CHARS + 1);
    }
    String s = new String(raw, StandardCharsets.US_ASCII);
    if (raw.length > MAX_CHARS || !s.endsWith("\n") || s.indexOf('\n') != s.length() - 1) {
      throw new IOException(file + " is not one private key line");
    }
    try {
      return CosignatureSigner.of(NoteSigner.fromPrivateKeyString(s.strip()), clock);
    } catch (KeyFormatException e) {
      throw new IOException(file + " does not hold a valid Ed25519 private key", e);
    }
  }
}
