package dev.toolseal.verifier.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * A {@link CanonicalJson} reads its tree from its canonical text only when asked, and keeps what
 * {@link ToolManifest} checks of every value (type, identity member) from the tree it was made of.
 */
class CanonicalJsonTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void theTreeIsTheCanonicalTextReadBackAndTheIdIsTheEntrysOwn() throws Exception {
    ToolManifest m = new SampleSession().manifest();
    assertTrue(m.entries().size() > 4);
    for (Map.Entry<EntryKey, CanonicalJson> e : m.entries().entrySet()) {
      CanonicalJson c = e.getValue();
      assertEquals(MAPPER.readTree(c.text()).toString(), c.tree().toString());
      assertEquals(MAPPER.readTree(c.text()), c.tree());
      assertNotSame(c.tree(), c.tree());
      String id = e.getKey().kind().idMember().orElseThrow();
      assertEquals(c.tree().get(id), c.member(id));
      assertEquals(e.getKey().id(), c.member(id).textValue());
      assertEquals("OBJECT", c.type());
      assertTrue(c.isObject());
    }
  }

  @Test
  void aManifestStillRefusesAnEntryThatIsNotItsKeys() throws Exception {
    ToolManifest m = new SampleSession().manifest();
    Map.Entry<EntryKey, CanonicalJson> first = m.entries().entrySet().iterator().next();
    TreeMap<EntryKey, CanonicalJson> renamed = new TreeMap<>(m.entries());
    renamed.remove(first.getKey());
    renamed.put(new EntryKey(first.getKey().kind(), first.getKey().id() + "-other"),
        first.getValue());
    assertThrows(IllegalArgumentException.class, () -> new ToolManifest(m.server(),
        m.clientCapabilities(), m.initialize(), renamed));

    TreeMap<EntryKey, CanonicalJson> notObject = new TreeMap<>(m.entries());
    notObject.put(first.getKey(), CanonicalJson.ofString(first.getKey().id()));
    assertThrows(IllegalArgumentException.class, () -> new ToolManifest(m.server(),
        m.clientCapabilities(), m.initialize(), notObject));

    ObjectNode noId = (ObjectNode) first.getValue().tree();
    noId.remove(first.getKey().kind().idMember().orElseThrow());
    TreeMap<EntryKey, CanonicalJson> missing = new TreeMap<>(m.entries());
    missing.put(first.getKey(), CanonicalJson.of(noId));
    assertThrows(IllegalArgumentException.class, () -> new ToolManifest(m.server(),
        m.clientCapabilities(), m.initialize(), missing));

    assertThrows(IllegalArgumentException.class, () -> new ToolManifest(m.server(),
        CanonicalJson.ofString("x"), m.initialize(), m.entries()));
    assertEquals(m, new ToolManifest(m.server(), m.clientCapabilities(), m.initialize(),
        m.entries()));
  }
}
