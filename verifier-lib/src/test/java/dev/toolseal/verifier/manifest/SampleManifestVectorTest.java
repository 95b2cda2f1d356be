package dev.toolseal.verifier.manifest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toolseal.tlog.Hash;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Digests are stable: the checked-in vector written by {@link SampleManifestVectorGenerator}
 * still matches what this code computes.
 */
class SampleManifestVectorTest {
  private static byte[] resource(String name) throws IOException {
    try (InputStream in = SampleManifestVectorTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("missing test resource " + name);
      }
      return in.readAllBytes();
    }
  }

  @Test
  void sampleSessionStillFormatsToTheCheckedInDocument() throws Exception {
    assertArrayEquals(resource(SampleManifestVectorGenerator.DOCUMENT),
        ManifestFormat.format(new SampleSession().manifest()));
  }

  @Test
  void checkedInDocumentStillHasTheCheckedInDigests() throws Exception {
    ToolManifest m = new ManifestFormat().parse(resource(SampleManifestVectorGenerator.DOCUMENT));
    String expected = new String(resource(SampleManifestVectorGenerator.DIGESTS),
        StandardCharsets.UTF_8);
    assertEquals(expected, SampleManifestVectorGenerator.digestLines(m.digests()));
    // and the manifest digest is plain SHA-256 over the document's bytes
    assertEquals(Hash.fromHex(expected.substring(0, 64)),
        Jcs.sha256(new String(resource(SampleManifestVectorGenerator.DOCUMENT),
            StandardCharsets.UTF_8)));
  }
}
