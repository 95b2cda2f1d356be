package dev.toolseal.cli;

import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.EnvelopeFormatException;
import dev.toolseal.verifier.keys.KeyFormatException;
import dev.toolseal.verifier.keys.PemKeys;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.keys.VerificationKey;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.ManifestFormat;
import dev.toolseal.verifier.manifest.ManifestLimits;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.manifest.VisibleText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * Reads the files commands take, bounded, with every failure mapped to a {@link CommandFailure}:
 * a file that cannot be read is {@link ExitCode#IO}, a document its parser refuses is {@link
 * ExitCode#REJECTED}.
 */
final class Inputs {
  private Inputs() {}

  /** A stored manifest document. */
  static ToolManifest manifest(Path file) throws CommandFailure {
    byte[] bytes = read(file, ManifestLimits.DEFAULT.maxBytes());
    try {
      return new ManifestFormat().parse(bytes);
    } catch (ManifestException e) {
      throw new CommandFailure(ExitCode.REJECTED,
          "manifest " + show(file) + " rejected: " + e.getMessage(), e);
    }
  }

  /** A DSSE envelope (not verified). */
  static Envelope envelope(Path file) throws CommandFailure {
    byte[] bytes = read(file, Envelope.MAX_ENVELOPE_BYTES);
    try {
      return Envelope.parse(bytes);
    } catch (EnvelopeFormatException e) {
      throw new CommandFailure(ExitCode.REJECTED,
          "envelope " + show(file) + " rejected: " + e.getMessage(), e);
    }
  }

  /** A private key PEM file. */
  static SigningKey signingKey(Path file) throws CommandFailure {
    try {
      return PemKeys.readPrivateKey(file);
    } catch (IOException e) {
      throw ioFailure(file, e);
    } catch (KeyFormatException e) {
      throw new CommandFailure(ExitCode.REJECTED,
          "private key " + show(file) + " rejected: " + e.getMessage(), e);
    }
  }

  /** A public key PEM file. */
  static VerificationKey verificationKey(Path file) throws CommandFailure {
    try {
      return PemKeys.readPublicKey(file);
    } catch (IOException e) {
      throw ioFailure(file, e);
    } catch (KeyFormatException e) {
      throw new CommandFailure(ExitCode.REJECTED,
          "public key " + show(file) + " rejected: " + e.getMessage(), e);
    }
  }

  /** At most {@code max} bytes of {@code file}; a longer file is rejected. */
  static byte[] read(Path file, int max) throws CommandFailure {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] bytes = in.readNBytes(max + 1);
      if (bytes.length > max) {
        throw new CommandFailure(ExitCode.REJECTED,
            show(file) + " is larger than " + max + " bytes");
      }
      return bytes;
    } catch (IOException e) {
      throw ioFailure(file, e);
    }
  }

  static CommandFailure ioFailure(Path file, IOException e) {
    String why = e instanceof NoSuchFileException ? "no such file"
        : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return new CommandFailure(ExitCode.IO, "cannot read " + show(file) + ": " + why, e);
  }

  /** A path as safe text for a terminal. */
  static String show(Path file) {
    return VisibleText.of(file.toString());
  }
}
