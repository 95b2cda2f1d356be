package dev.toolseal.verifier.verification;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.ReleaseName;
import dev.toolseal.verifier.attest.Statement;
import dev.toolseal.verifier.manifest.ManifestAssembler;
import dev.toolseal.verifier.manifest.ManifestFormat;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The verifier takes the signed manifest's digest from the release's subject check only when the
 * signed document is exactly the manifest's stored form; otherwise it hashes the manifest.
 */
class SignedManifestDigestTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ReleaseName NAME = new ReleaseName(BenchRelease.SERVER.name(),
      BenchRelease.SERVER.version());

  private static Release read(ObjectNode doc) throws Exception {
    return Release.fromStatement(Statement.parse(new Release(NAME, doc).toStatement().toJson()));
  }

  @Test
  void theSubjectDigestIsReusedOnlyForTheStoredForm() throws Exception {
    ToolManifest m = new ManifestAssembler().assemble(BenchRelease.session(5));
    ObjectNode doc = (ObjectNode) JSON.readTree(ManifestFormat.format(m));

    Release stored = read(doc);
    ToolManifest signed = stored.toolManifest();
    assertEquals(m, signed);
    assertTrue(stored.digestIsOf(signed));
    assertEquals(m.digest(), stored.manifestDigest());

    // the same manifest with its tools in another order: a valid tree, another JCS text
    ObjectNode permuted = doc.deepCopy();
    List<JsonNode> tools = new ArrayList<>();
    permuted.withArray("tools").forEach(tools::add);
    ArrayNode reversed = permuted.putArray("tools");
    for (int i = tools.size() - 1; i >= 0; i--) {
      reversed.add(tools.get(i));
    }
    Release other = read(permuted);
    ToolManifest same = other.toolManifest();
    assertEquals(m, same);
    assertFalse(other.digestIsOf(same));
    assertNotEquals(m.digest(), other.manifestDigest());

    ToolManifest fewer = new ManifestAssembler().assemble(BenchRelease.session(4));
    assertFalse(stored.digestIsOf(fewer));
    // not read from a statement: not known, so not claimed
    assertFalse(new Release(NAME, doc).digestIsOf(m));
  }
}
