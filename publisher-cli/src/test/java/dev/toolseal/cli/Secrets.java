package dev.toolseal.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Path;

/** Checks that no part of a private key file reached stdout or stderr. */
final class Secrets {
  private Secrets() {}

  static void assertNotPrinted(Path privateKeyFile, Cli cli) {
    String all = cli.out() + cli.err();
    assertFalse(all.contains("PRIVATE KEY"));
    for (String line : TestFiles.text(privateKeyFile).split("\n")) {
      if (!line.startsWith("-----") && line.length() >= 16) {
        // any 16-character stretch of the base64 body would be a leak
        for (int i = 0; i + 16 <= line.length(); i += 8) {
          assertFalse(all.contains(line.substring(i, i + 16)), "private key material printed");
        }
      }
    }
  }
}
