package dev.toolseal.verifier.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** The manifest digest assembled from the parts' canonical texts equals JCS of the whole tree. */
class ManifestCompositionTest {
  private static void sameAsTree(ToolManifest m) {
    assertEquals(Jcs.canonical(ManifestFormat.document(m)), ManifestFormat.canonicalText(m));
  }

  @Test
  void sampleManifest() throws Exception {
    sameAsTree(new ManifestAssembler().assemble(new SampleSession().raw()));
  }

  @Test
  void everyKindAndUnusualNames() throws Exception {
    SampleSession s = new SampleSession();
    ObjectNode tools = s.toolPages.get(0);
    tools.withArray("tools").addObject().put("name", "\u00e9\"\\/\u0001\ud83d\ude00")
        .put("n", 1.50e3);
    tools.withArray("tools").addObject().put("name", "Z");
    s.initialize.putObject("_meta").put("b", 1).put("a", "\u2028");
    s.initialize.remove("instructions");
    sameAsTree(new ManifestAssembler().assemble(s.raw()));
  }
}
