package dev.toolseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.verifier.keys.KeyAlgorithm;
import dev.toolseal.verifier.keys.PemKeys;
import dev.toolseal.verifier.keys.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KeygenCommandTest {
  @TempDir
  Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"ed25519", "p256", "P256"})
  void writesAKeyPairAndPrintsOnlyTheKeyId(String algorithm) throws Exception {
    Path prefix = dir.resolve("publisher");
    Cli cli = Cli.run("keygen", "--algorithm", algorithm, "--out", prefix.toString()).expect(0);
    Path key = dir.resolve("publisher.key");
    Path pub = dir.resolve("publisher.pub");
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    SigningKey signing = PemKeys.readPrivateKey(key);
    assertEquals(signing.keyId(), PemKeys.readPublicKey(pub).keyId());
    assertEquals(algorithm.equals("ed25519") ? KeyAlgorithm.ED25519
        : KeyAlgorithm.ECDSA_P256_SHA256, signing.algorithm());
    assertTrue(cli.out().contains(signing.keyId().hex()));
    Secrets.assertNotPrinted(key, cli);
  }

  @Test
  void jsonNamesTheKeyIdAndFiles() throws Exception {
    Cli cli = Cli.run("keygen", "--out", dir.resolve("k").toString(), "--output", "json")
        .expect(0);
    JsonNode doc = cli.json();
    assertEquals(PemKeys.readPublicKey(dir.resolve("k.pub")).keyId().hex(),
        doc.get("keyId").textValue());
    assertEquals("ed25519", doc.get("algorithm").textValue());
    assertEquals(dir.resolve("k.key").toString(), doc.get("privateKeyFile").textValue());
    Secrets.assertNotPrinted(dir.resolve("k.key"), cli);
  }

  @Test
  void neverOverwritesAKey() {
    Path prefix = TestFiles.key(dir, "k", "ed25519");
    byte[] before = TestFiles.read(dir.resolve("k.key"));
    Cli.run("keygen", "--out", prefix.toString()).expect(ExitCode.IO);
    assertEquals(new String(before), new String(TestFiles.read(dir.resolve("k.key"))));
    // a stray public key alone also blocks, and no private key is left behind
    TestFiles.write(dir.resolve("only.pub"), "x");
    Cli.run("keygen", "--out", dir.resolve("only").toString()).expect(ExitCode.IO);
    assertFalse(Files.exists(dir.resolve("only.key")));
  }

  @Test
  void usageErrors() {
    Cli.run("keygen").expect(ExitCode.USAGE);
    Cli.run("keygen", "--algorithm", "rsa", "--out", dir.resolve("x").toString())
        .expect(ExitCode.USAGE);
    assertFalse(Files.exists(dir.resolve("x.key")));
  }

  @Test
  void missingDirectoryIsAnIoError() {
    Cli.run("keygen", "--out", dir.resolve("no/such/dir/k").toString()).expect(ExitCode.IO);
  }
}
