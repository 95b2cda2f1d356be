package dev.toolseal.verifier.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.ReleaseName;
import dev.toolseal.verifier.attest.Statement;
import dev.toolseal.verifier.attest.StatementFormatException;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.ManifestFormat;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A release's subject digest (computed by the attestation code over the statement's predicate)
 * and the manifest digest (computed by the manifest code over the stored document) come from one
 * implementation, so for one document they are equal, or both paths refuse it. Before they were
 * unified, the attestation path accepted the unsafe documents below and hashed a rounded number.
 */
class CanonicalAgreementTest {
  private static final ReleaseName NAME = new ReleaseName("io.github.acme/weather", "1.0.0");

  private static String manifest(String number) {
    return "{\"manifestVersion\":\"toolseal.dev/manifest/v1\",\"server\":{\"name\":"
        + "\"io.github.acme/weather\",\"version\":\"1.0.0\"},\"clientCapabilities\":{},"
        + "\"initialize\":{\"protocolVersion\":\"2025-06-18\",\"serverInfo\":{\"name\":\"w\"},"
        + "\"capabilities\":{}},\"tools\":[{\"name\":\"t\",\"description\":\"caf\u00e9 \ud83d\ude00\","
        + "\"inputSchema\":{\"type\":\"object\",\"properties\":{\"n\":{\"type\":\"number\","
        + "\"maximum\":" + number + "}}}}],\"prompts\":[],\"resources\":[],"
        + "\"resourceTemplates\":[]}";
  }

  private static byte[] statement(String manifest, Hash subjectDigest) {
    return ("{\"_type\":\"" + Statement.TYPE + "\",\"subject\":[{\"name\":\"" + NAME
        + "\",\"digest\":{\"sha256\":\"" + subjectDigest.hex() + "\"}}],\"predicateType\":\""
        + Release.PREDICATE_TYPE + "\",\"predicate\":" + manifest + "}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void safeDocumentsGetOneDigestOnBothPaths() throws Exception {
    for (String n : List.of("1E2", "4.50", "1e30", "0.000001", "-0", "18446744073709552000",
        "333333333.33333329", "9007199254740992")) {
      String doc = manifest(n);
      Hash manifestDigest = new ManifestFormat().parse(doc.getBytes(StandardCharsets.UTF_8))
          .digest();
      Release r = Release.fromStatement(Statement.parse(statement(doc, manifestDigest)));
      assertEquals(manifestDigest, r.manifestDigest(), n);
    }
  }

  @Test
  void documentsJcsWouldChangeAreRefusedByBothPaths() {
    for (String n : List.of("9007199254740993", "12345678901234567890", "1e-400", "1e400",
        "1e2147483648")) {
      String doc = manifest(n);
      assertThrows(ManifestException.class,
          () -> new ManifestFormat().parse(doc.getBytes(StandardCharsets.UTF_8)), n);
      assertThrows(StatementFormatException.class,
          () -> Statement.parse(statement(doc, Hash.of(new byte[Hash.SIZE]))), n);
    }
    String lone = manifest("1").replace("caf\u00e9", "caf\\ud800");
    assertThrows(ManifestException.class,
        () -> new ManifestFormat().parse(lone.getBytes(StandardCharsets.UTF_8)));
    assertThrows(StatementFormatException.class,
        () -> Statement.parse(statement(lone, Hash.of(new byte[Hash.SIZE]))));
  }

  @Test
  void treesBuiltInCodeAreCheckedToo() throws Exception {
    ObjectNode tree = (ObjectNode) new StrictJson(new JsonLimits(1 << 20, 64, 1 << 20))
        .parse(manifest("1"));
    ((ObjectNode) tree.get("tools").get(0)).put("maximum", 9007199254740993L);
    Release r = new Release(NAME, tree);
    assertThrows(IllegalArgumentException.class, r::manifestDigest);
  }
}
