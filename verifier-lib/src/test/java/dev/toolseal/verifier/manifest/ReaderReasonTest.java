package dev.toolseal.verifier.manifest;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toolseal.verifier.json.JsonFormatException;
import org.junit.jupiter.api.Test;

/** Every failure of the strict reader keeps its meaning as a manifest failure. */
class ReaderReasonTest {
  @Test
  void eachReaderReasonMapsToTheManifestReasonOfTheSameMeaning() {
    for (JsonFormatException.Reason r : JsonFormatException.Reason.values()) {
      assertEquals(r.name(), StrictJson.reason(r).name());
    }
  }
}
