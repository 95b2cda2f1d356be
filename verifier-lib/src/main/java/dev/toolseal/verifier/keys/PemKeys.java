package dev.toolseal.verifier.keys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM files for keys: unencrypted PKCS#8 ({@code -----BEGIN PRIVATE KEY-----}) and SPKI
 * ({@code -----BEGIN PUBLIC KEY-----}), RFC 7468. A file holds exactly one block and nothing but
 * whitespace around it. Encrypted keys, legacy types ({@code EC PRIVATE KEY}, {@code OPENSSH
 * PRIVATE KEY}, ...) and PEM headers are refused with a {@link KeyFormatException}.
 *
 * <p>Private key files are created new with POSIX mode 0600 set atomically at creation (never
 * chmod after writing) and an existing file is never overwritten.
 */
public final class PemKeys {
  /** Upper bound on a PEM file we read. */
  public static final int MAX_PEM_BYTES = 16 * 1024;

  static final String PRIVATE = "PRIVATE KEY";
  static final String PUBLIC = "PUBLIC KEY";

  private PemKeys() {}

  /** PEM text of a public key. */
  public static String publicKeyPem(VerificationKey key) {
    return pem(PUBLIC, key.spki());
  }

  /** Parses PEM text holding exactly one {@code PUBLIC KEY} block. */
  public static VerificationKey parsePublicKey(byte[] pem) throws KeyFormatException {
    return VerificationKey.fromSpki(readBlock(pem, PUBLIC));
  }

  /** Parses PEM text holding exactly one unencrypted {@code PRIVATE KEY} block. */
  public static SigningKey parsePrivateKey(byte[] pem) throws KeyFormatException {
    byte[] der = readBlock(pem, PRIVATE);
    try {
      return SigningKey.fromPkcs8(der);
    } finally {
      Arrays.fill(der, (byte) 0);
    }
  }

  /** Writes a public key PEM file (mode per the umask); fails if {@code file} exists. */
  public static void writePublicKey(Path file, VerificationKey key) throws IOException {
    Files.write(file, publicKeyPem(key).getBytes(StandardCharsets.US_ASCII),
        StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
  }

  /**
   * Creates {@code file} with POSIX permissions 0600 and writes the private key into it; fails
   * if the file exists or the file system has no POSIX permissions.
   */
  public static void writePrivateKey(Path file, SigningKey key) throws IOException {
    byte[] der = key.pkcs8();
    byte[] text = pem(PRIVATE, der).getBytes(StandardCharsets.US_ASCII);
    Arrays.fill(der, (byte) 0);
    try (OutputStream out = Channels.newOutputStream(Files.newByteChannel(file,
        EnumSet.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))))) {
      out.write(text);
    } catch (UnsupportedOperationException e) {
      throw new IOException("cannot create a 0600 file on this file system", e);
    } finally {
      Arrays.fill(text, (byte) 0);
    }
  }

  /** Reads a public key PEM file of at most {@link #MAX_PEM_BYTES}. */
  public static VerificationKey readPublicKey(Path file) throws IOException, KeyFormatException {
    return parsePublicKey(readBounded(file));
  }

  /** Reads a private key PEM file of at most {@link #MAX_PEM_BYTES}. */
  public static SigningKey readPrivateKey(Path file) throws IOException, KeyFormatException {
    byte[] text = readBounded(file);
    try {
      return parsePrivateKey(text);
    } finally {
      Arrays.fill(text, (byte) 0);
    }
  }

  private static byte[] readBounded(Path file) throws IOException, KeyFormatException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(MAX_PEM_BYTES + 1);
      if (bytes.length > MAX_PEM_BYTES) {
        throw new KeyFormatException(KeyFormatException.Reason.TOO_LARGE, "PEM file too large");
      }
      return bytes;
    }
  }

  static String pem(String type, byte[] der) {
    StringWriter out = new StringWriter();
    try (PemWriter w = new PemWriter(out)) {
      w.writeObject(new PemObject(type, der));
    } catch (IOException e) {
      throw new IllegalStateException("writing to a string cannot fail", e);
    }
    return out.toString();
  }

  private static byte[] readBlock(byte[] pem, String wanted) throws KeyFormatException {
    if (pem == null || pem.length == 0) {
      throw new KeyFormatException(KeyFormatException.Reason.MALFORMED, "empty PEM");
    }
    if (pem.length > MAX_PEM_BYTES) {
      throw new KeyFormatException(KeyFormatException.Reason.TOO_LARGE, "PEM too large");
    }
    for (byte b : pem) {
      if (b < 0 || (b < 0x20 && b != '\n' && b != '\r' && b != '\t')) {
        throw new KeyFormatException(KeyFormatException.Reason.MALFORMED,
            "PEM is printable ASCII");
      }
    }
    String text = new String(pem, StandardCharsets.US_ASCII).strip();
    if (!text.startsWith("-----BEGIN ") || !text.endsWith("-----")
        || text.indexOf("-----BEGIN ", 1) >= 0
        || text.indexOf("-----END ") != text.lastIndexOf("-----END ")
        || text.lastIndexOf('\n') > text.lastIndexOf("-----END ")) {
      throw new KeyFormatException(KeyFormatException.Reason.MALFORMED,
          "not a single PEM block");
    }
    PemObject block;
    try (PemReader reader = new PemReader(new StringReader(text))) {
      block = reader.readPemObject();
      if (block == null || reader.readPemObject() != null) {
        throw new KeyFormatException(KeyFormatException.Reason.MALFORMED,
            "expected exactly one PEM block");
      }
    } catch (IOException | RuntimeException e) {
      // no cause: the decoder's message may quote the (secret) input
      throw new KeyFormatException(KeyFormatException.Reason.MALFORMED, "unreadable PEM");
    }
    checkType(block, wanted);
    return block.getContent();
  }

  private static void checkType(PemObject block, String wanted) throws KeyFormatException {
    String type = block.getType();
    for (Object h : block.getHeaders()) {
      if (h instanceof PemHeader ph && ph.getValue() != null
          && ph.getValue().contains("ENCRYPTED")) {
        throw new KeyFormatException(KeyFormatException.Reason.ENCRYPTED,
            "encrypted PEM keys are not supported");
      }
    }
    if (type.equals("ENCRYPTED PRIVATE KEY")) {
      throw new KeyFormatException(KeyFormatException.Reason.ENCRYPTED,
          "encrypted PKCS#8 keys are not supported; decrypt with openssl pkcs8 first");
    }
    if (!block.getHeaders().isEmpty()) {
      throw new KeyFormatException(KeyFormatException.Reason.MALFORMED, "unexpected PEM headers");
    }
    if (type.equals(wanted)) {
      return;
    }
    if (type.equals(PRIVATE) || type.equals(PUBLIC)) {
      throw new KeyFormatException(KeyFormatException.Reason.WRONG_KEY_KIND,
          "expected a " + wanted + " PEM block, got " + type);
    }
    throw new KeyFormatException(KeyFormatException.Reason.UNKNOWN_PEM_TYPE,
        "unsupported PEM type (only PRIVATE KEY and PUBLIC KEY)");
  }
}
