package dev.toolseal.verifier.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.KeyBinding;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.ReleaseName;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LogLeafTest {
  private static final SigningKey KEY = KeyPairs.generate();

  private static Envelope release() {
    ObjectNode manifest = JsonNodeFactory.instance.objectNode().put("tools", "x\"y\\z é");
    Release r = new Release(new ReleaseName("io.github.acme/weather", "1.2.0"), manifest);
    return Attestations.sign(r.toStatement(), List.of(KEY));
  }

  @Test
  void describesAReleaseEnvelopeAndRoundTrips() throws Exception {
    Envelope env = release();
    LogLeaf leaf = LogLeaf.describe(env, KEY.keyId());
    assertEquals(LeafKind.RELEASE, leaf.kind());
    assertEquals("io.github.acme/weather", leaf.name());
    assertEquals("1.2.0", leaf.version());
    assertEquals(env.envelopeDigest(), leaf.envelopeDigest());
    assertEquals(leaf, LogLeaf.parse(leaf.format()));
    assertArrayEquals(leaf.format(), LogLeaf.parse(leaf.format()).format());
  }

  @Test
  void describesAKeyBindingWithAnEmptyVersion() throws Exception {
    KeyBinding b = new KeyBinding("io.github.acme", KEY.verificationKey());
    LogLeaf leaf = LogLeaf.describe(Attestations.sign(b.toStatement(), List.of(KEY)),
        KEY.keyId());
    assertEquals(LeafKind.KEY_BINDING, leaf.kind());
    assertEquals("", leaf.version());
    assertEquals(KEY.keyId().hash(), leaf.digest());
    assertEquals(leaf, LogLeaf.parse(leaf.format()));
  }

  @Test
  void namesOutsideTheBasicPlaneRoundTrip() throws Exception {
    ObjectNode manifest = JsonNodeFactory.instance.objectNode();
    Release r = new Release(new ReleaseName("io.github.acme/\uD83C\uDF26weather", "1.2.0"),
        manifest);
    LogLeaf leaf = LogLeaf.describe(Attestations.sign(r.toStatement(), List.of(KEY)),
        KEY.keyId());
    assertEquals(leaf, LogLeaf.parse(leaf.format()));
    assertThrows(IllegalArgumentException.class, () -> new LogLeaf(LeafKind.RELEASE,
        "io.github.acme/\uD83Cweather", "1", leaf.digest(), leaf.keyId(),
        leaf.envelopeDigest()));
  }

  @Test
  void refusesAnAuthorityThatDidNotSign() {
    assertThrows(LogLeafFormatException.class,
        () -> LogLeaf.describe(release(), KeyPairs.generate().keyId()));
  }

  @Test
  void everySingleByteChangeIsRefusedOrIsAnotherCanonicalLeaf() throws Exception {
    byte[] good = LogLeaf.describe(release(), KEY.keyId()).format();
    int accepted = 0;
    for (int i = 0; i < good.length; i++) {
      for (int v = 0; v < 256; v += 3) {
        byte[] bad = good.clone();
        if (bad[i] == (byte) v) {
          continue;
        }
        bad[i] = (byte) v;
        try {
          LogLeaf other = LogLeaf.parse(bad);
          assertArrayEquals(bad, other.format());
          assertFalse(Arrays.equals(good, other.format()));
          accepted++;
        } catch (LogLeafFormatException expected) {
          // refused
        }
      }
    }
    // only changes inside the name, version or hex values can give another valid leaf
    assertTrue(accepted > 0);
  }

  @Test
  void refusesNonCanonicalSpellings() throws Exception {
    LogLeaf leaf = LogLeaf.describe(release(), KEY.keyId());
    String text = new String(leaf.format(), StandardCharsets.UTF_8);
    List<String> bad = List.of(
        text.replace(",", ", "),
        " " + text,
        text + "\n",
        text.replace("{\"digest\"", "{\"extra\":\"x\",\"digest\""),
        text.replace("\"kind\":\"release\"", "\"kind\":\"release\",\"kind\":\"release\""),
        text.replace("\"kind\":\"release\"", "\"kind\":\"review\""),
        text.replace("\"version\":\"1.2.0\"", "\"version\":\"\""),
        text.replace("\"version\":\"1.2.0\"", "\"version\":1"),
        text.replace(leaf.digest().hex(), leaf.digest().hex().toUpperCase()),
        text.replace(leaf.keyId().hex(), Hash.of(new byte[32]).hex().substring(2)),
        text.substring(0, text.length() - 1),
        "[]",
        "");
    for (String b : bad) {
      assertThrows(LogLeafFormatException.class,
          () -> LogLeaf.parse(b.getBytes(StandardCharsets.UTF_8)), b);
    }
    assertThrows(LogLeafFormatException.class,
        () -> LogLeaf.parse(new byte[LogLeaf.MAX_BYTES + 1]));
  }
}
