package dev.toolseal.verifier.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Part keys: text form, parsing and order. */
class EntryKeyTest {
  @Test
  void textFormRoundTrips() {
    for (String text : List.of("tool:add", "prompt:daily_report", "resource:file:///data/a.csv",
        "resourceTemplate:weather://{city}/today", "server:instructions", "client:capabilities",
        "release:server", "tool:", "tool:a:b")) {
      assertEquals(text, EntryKey.parse(text).toString());
    }
    assertEquals(new EntryKey(EntryKind.RESOURCE, "file:///a"), EntryKey.parse("resource:file:///a"));
  }

  @Test
  void badKeys() {
    assertThrows(IllegalArgumentException.class, () -> EntryKey.parse("add"));
    assertThrows(IllegalArgumentException.class, () -> EntryKey.parse("widget:add"));
    assertThrows(IllegalArgumentException.class, () -> EntryKey.parse("Tool:add"));
  }

  @Test
  void orderIsKindThenUtf16() {
    List<EntryKey> keys = new ArrayList<>(List.of(EntryKey.parse("tool:\uFB33"),
        EntryKey.parse("tool:\uD83D\uDE00"), EntryKey.parse("prompt:a"), EntryKey.parse("tool:B"),
        EntryKey.parse("tool:a"), EntryKey.SERVER_INFO, EntryKey.RELEASE_SERVER));
    keys.sort(null);
    assertEquals(List.of(EntryKey.RELEASE_SERVER, EntryKey.SERVER_INFO, EntryKey.parse("tool:B"),
        EntryKey.parse("tool:a"), EntryKey.parse("tool:\uD83D\uDE00"), EntryKey.parse("tool:\uFB33"),
        EntryKey.parse("prompt:a")), keys);
  }

  @Test
  void sampleManifestHasEveryFixedPart() throws ManifestException {
    var parts = new SampleSession().manifest().digests().parts().keySet();
    for (EntryKey fixed : List.of(EntryKey.RELEASE_SERVER, EntryKey.CLIENT_CAPABILITIES,
        EntryKey.SERVER_PROTOCOL_VERSION, EntryKey.SERVER_INFO, EntryKey.SERVER_CAPABILITIES,
        EntryKey.SERVER_INSTRUCTIONS)) {
      assertTrue(parts.contains(fixed), fixed.toString());
    }
    assertEquals(6 + 3 + 2 + 2 + 1, parts.size());
  }
}
