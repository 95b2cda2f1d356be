package dev.toolseal.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.keys.KeyAlgorithm;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.PemKeys;
import dev.toolseal.verifier.keys.SigningKey;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code toolseal keygen}: a new key pair in {@code <prefix>.key} (PKCS#8 PEM, created 0600,
 * never printed) and {@code <prefix>.pub} (SPKI PEM); prints the key id.
 */
@Command(name = "keygen", mixinStandardHelpOptions = true,
    description = "Generate a signing key: <prefix>.key (private, mode 0600) and <prefix>.pub.",
    exitCodeListHeading = ExitCode.LIST_HEADING,
    exitCodeList = {ExitCode.LIST_OK, ExitCode.LIST_INTERNAL, ExitCode.LIST_USAGE,
        ExitCode.LIST_REJECTED, ExitCode.LIST_IO})
final class KeygenCommand extends ToolsealCommand {
  /** The algorithm names this command accepts. */
  enum Algorithm {
    ED25519(KeyAlgorithm.ED25519),
    P256(KeyAlgorithm.ECDSA_P256_SHA256);

    final KeyAlgorithm keyAlgorithm;

    Algorithm(KeyAlgorithm keyAlgorithm) {
      this.keyAlgorithm = keyAlgorithm;
    }
  }

  @Option(names = "--algorithm", paramLabel = "ed25519|p256", defaultValue = "ed25519",
      description = "Key algorithm: ed25519 (default) or p256 (ECDSA P-256, SHA-256).")
  Algorithm algorithm = Algorithm.ED25519;

  @Option(names = "--out", required = true, paramLabel = "<prefix>",
      description = "Writes <prefix>.key and <prefix>.pub; neither may exist.")
  Path prefix;

  @Override
  int execute() throws CommandFailure {
    Path privateFile = sibling(".key");
    Path publicFile = sibling(".pub");
    for (Path p : new Path[] {privateFile, publicFile}) {
      if (Files.exists(p)) {
        throw new CommandFailure(ExitCode.IO, Inputs.show(p) + " exists; not overwritten");
      }
    }
    SigningKey key = KeyPairs.generate(algorithm.keyAlgorithm);
    try {
      PemKeys.writePrivateKey(privateFile, key);
    } catch (FileAlreadyExistsException e) {
      throw new CommandFailure(ExitCode.IO, Inputs.show(privateFile) + " exists", e);
    } catch (IOException e) {
      throw new CommandFailure(ExitCode.IO, "cannot create " + Inputs.show(privateFile) + ": "
          + e.getClass().getSimpleName(), e);
    }
    try {
      PemKeys.writePublicKey(publicFile, key.verificationKey());
    } catch (IOException e) {
      deleteQuietly(privateFile);
      throw new CommandFailure(ExitCode.IO, "cannot create " + Inputs.show(publicFile) + ": "
          + e.getClass().getSimpleName() + "; removed " + Inputs.show(privateFile), e);
    }
    if (json()) {
      ObjectNode doc = JsonOutput.object();
      doc.put("keyId", key.keyId().hex());
      doc.put("algorithm", key.algorithm().wireName());
      doc.put("privateKeyFile", privateFile.toString());
      doc.put("publicKeyFile", publicFile.toString());
      JsonOutput.print(out(), doc);
    } else {
      out().println("key id: " + key.keyId().hex());
      out().println("algorithm: " + key.algorithm().wireName());
      out().println("private key: " + Inputs.show(privateFile) + " (mode 0600; keep it secret)");
      out().println("public key: " + Inputs.show(publicFile));
    }
    return ExitCode.OK;
  }

  private Path sibling(String suffix) {
    return prefix.resolveSibling(prefix.getFileName() + suffix);
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      // the caller reports the original failure; a leftover 0600 file is safe
    }
  }
}
