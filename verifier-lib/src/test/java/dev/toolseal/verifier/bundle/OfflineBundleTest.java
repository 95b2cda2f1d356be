package dev.toolseal.verifier.bundle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.note.CosignatureSigner;
import dev.toolseal.tlog.note.Note;
import dev.toolseal.tlog.note.NoteSigner;
import dev.toolseal.tlog.proof.TlogProof;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.ReleaseName;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.log.LogId;
import dev.toolseal.verifier.log.LogTrust;
import dev.toolseal.verifier.log.TestLog;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OfflineBundleTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final SigningKey PUBLISHER = KeyPairs.generate();
  private final TestLog log = new TestLog("log.toolseal.test", 11).grow(6);
  private final LogTrust trust = log.trust();
  private final OfflineBundle bundle;

  OfflineBundleTest() {
    ObjectNode manifest = JsonNodeFactory.instance.objectNode().put("tools", "add");
    Release r = new Release(new ReleaseName("io.github.acme/weather", "1.2.0"), manifest);
    Envelope env = Attestations.sign(r.toStatement(), List.of(PUBLISHER));
    OfflineBundle b = TestBundles.log(log, env, PUBLISHER.keyId());
    log.grow(5);
    bundle = TestBundles.refresh(log, b);
  }

  @Test
  void roundTripsThroughJson() throws Exception {
    byte[] json = BundleFormat.write(bundle);
    OfflineBundle back = BundleFormat.read(json);
    assertEquals(bundle, back);
    assertArrayEquals(json, BundleFormat.write(back));
    assertEquals(bundle.leaf(), back.leaf());
    assertEquals(bundle.proof(), back.proof());
    assertArrayEquals(bundle.envelope().toJson(), back.envelope().toJson());
    JsonNode tree = JSON.readTree(json);
    assertEquals(BundleFormat.MEDIA_TYPE, tree.get("mediaType").textValue());
    assertEquals(PUBLISHER.keyId().hex(),
        tree.at("/verificationMaterial/publicKey/hint").textValue());
    assertEquals("toolseal-release",
        tree.at("/verificationMaterial/tlogEntries/0/kindVersion/kind").textValue());
    assertEquals("6", tree.at("/verificationMaterial/tlogEntries/0/logIndex").textValue());
    assertEquals(Base64.getEncoder().encodeToString(LogId.of(log.key().verifier()).hash().bytes()),
        tree.at("/verificationMaterial/tlogEntries/0/logId/keyId").textValue());
    assertEquals(12L, InclusionVerifier.verify(back, trust).checkpoint().size());
  }

  @Test
  void roundTripsThroughTlogProof() throws Exception {
    byte[] file = bundle.proof().toTlogProof().format();
    TlogProof parsed = TlogProof.parse(file);
    EntryProof back = EntryProof.fromTlogProof(bundle.proof().logId(), parsed);
    assertEquals(bundle.proof(), back);
    parsed.verify(bundle.leaf().leafHash(), log.key().verifier(), List.of(), 0);
    assertEquals(bundle, bundle.withProof(back));
  }

  @Test
  void acceptsPrettyPrintedAndReorderedJson() throws Exception {
    JsonNode tree = JSON.readTree(BundleFormat.write(bundle));
    byte[] pretty = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(reversed(tree));
    assertEquals(bundle, BundleFormat.read(pretty));
  }

  @Test
  void everyTamperedFieldIsRejected() throws Exception {
    JsonNode original = JSON.readTree(BundleFormat.write(bundle));
    List<JsonNode> mutants = new ArrayList<>();
    mutate(original, original, mutants);
    assertTrue(mutants.size() > 40);
    for (JsonNode m : mutants) {
      assertRejected(JSON.writeValueAsBytes(m), m.toString());
    }
  }

  @Test
  void otherSpellingsOfTheSameMessageAreRejected() throws Exception {
    String json = new String(BundleFormat.write(bundle), StandardCharsets.UTF_8);
    ObjectNode tree = (ObjectNode) JSON.readTree(json);
    ObjectNode entry = (ObjectNode) tree.at("/verificationMaterial/tlogEntries/0");
    ObjectNode proof = (ObjectNode) entry.get("inclusionProof");
    String root = proof.get("rootHash").textValue();
    List<JsonNode> variants = new ArrayList<>();
    variants.add(edit(tree, entry, n -> ((ObjectNode) n).put("logIndex", 6)));
    variants.add(edit(tree, entry, n -> ((ObjectNode) n).put("integratedTime", "0")));
    variants.add(edit(tree, proof, n -> ((ObjectNode) n).put("rootHash", root.replace("=", ""))));
    variants.add(edit(tree, proof, n -> ((ObjectNode) n).put("rootHash",
        Base64.getUrlEncoder().encodeToString(Base64.getDecoder().decode(root)) + "_-")));
    variants.add(edit(tree, tree, n -> ((ObjectNode) n).set("media_type",
        ((ObjectNode) n).remove("mediaType"))));
    for (JsonNode v : variants) {
      assertThrows(BundleException.class, () -> BundleFormat.read(JSON.writeValueAsBytes(v)),
          v.toString());
    }
    List<String> bad = List.of(
        json.replaceFirst("\"mediaType\"", "\"mediaType\": \"x\", \"mediaType\""),
        json + "{}",
        "[" + json + "]",
        "");
    for (String b : bad) {
      assertThrows(BundleException.class,
          () -> BundleFormat.read(b.getBytes(StandardCharsets.UTF_8)), b);
    }
    byte[] notUtf8 = BundleFormat.write(bundle);
    notUtf8[notUtf8.length / 2] = (byte) 0xC0;
    assertThrows(BundleException.class, () -> BundleFormat.read(notUtf8));
  }

  @Test
  void everyBitOfEveryProofHashMatters() throws Exception {
    EntryProof p = bundle.proof();
    assertFalse(p.hashes().isEmpty());
    for (int i = 0; i < p.hashes().size(); i++) {
      for (int bit = 0; bit < 256; bit++) {
        List<Hash> hs = new ArrayList<>(p.hashes());
        hs.set(i, hs.get(i).flipBit(bit));
        OfflineBundle bad = bundle.withProof(new EntryProof(p.logId(), p.index(), p.treeSize(),
            p.rootHash(), hs, p.checkpoint()));
        InclusionException e = assertThrows(InclusionException.class,
            () -> InclusionVerifier.verify(bad, trust));
        assertEquals(InclusionException.Reason.PROOF_FAILED, e.reason());
        assertTrue(e.proofFailure().isPresent());
      }
    }
  }

  @Test
  void wrongIndexSizeOrProofLengthIsRejected() throws Exception {
    EntryProof p = bundle.proof();
    List<EntryProof> bad = new ArrayList<>();
    for (long index = 0; index < log.size(); index++) {
      if (index != p.index()) {
        bad.add(new EntryProof(p.logId(), index, p.treeSize(), p.rootHash(), p.hashes(),
            p.checkpoint()));
      }
    }
    for (long size = p.index() + 1; size <= log.size() + 3; size++) {
      if (size != p.treeSize()) {
        TestLog longer = log.copy().grow(3);
        bad.add(EntryProof.of(p.logId(), p.index(), p.hashes(), longer.checkpoint(size)));
      }
    }
    List<Hash> shorter = new ArrayList<>(p.hashes());
    shorter.remove(shorter.size() - 1);
    bad.add(EntryProof.of(p.logId(), p.index(), shorter, p.checkpoint()));
    List<Hash> longerProof = new ArrayList<>(p.hashes());
    longerProof.add(p.rootHash());
    bad.add(EntryProof.of(p.logId(), p.index(), longerProof, p.checkpoint()));
    for (EntryProof proof : bad) {
      assertThrows(InclusionException.class,
          () -> InclusionVerifier.verify(bundle.withProof(proof), trust), proof.toString());
    }
  }

  @Test
  void untrustedLogsAndCheckpointsAreRejected() {
    TestLog other = new TestLog("log.toolseal.test", 12).grow(20);
    InclusionException unknown = assertThrows(InclusionException.class,
        () -> InclusionVerifier.verify(bundle, other.trust()));
    assertEquals(InclusionException.Reason.UNKNOWN_LOG, unknown.reason());
    EntryProof p = bundle.proof();
    EntryProof forged = EntryProof.of(p.logId(), p.index(), p.hashes(),
        other.checkpoint(p.treeSize()));
    InclusionException untrusted = assertThrows(InclusionException.class,
        () -> InclusionVerifier.verify(bundle.withProof(forged), trust));
    assertEquals(InclusionException.Reason.UNTRUSTED_CHECKPOINT, untrusted.reason());
  }

  @Test
  void aWitnessQuorumIsEnforced() throws Exception {
    byte[] seed = new byte[32];
    java.util.Arrays.fill(seed, (byte) 5);
    CosignatureSigner witness = CosignatureSigner.of(NoteSigner.fromSeed("w.example", seed),
        Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC));
    LogTrust witnessed = new LogTrust(List.of(log.key().verifier()),
        List.of(witness.verifier()), 1);
    InclusionException e = assertThrows(InclusionException.class,
        () -> InclusionVerifier.verify(bundle, witnessed));
    assertEquals(InclusionException.Reason.UNTRUSTED_CHECKPOINT, e.reason());
    EntryProof p = bundle.proof();
    String body = new Checkpoint(log.origin(), p.treeSize(), p.rootHash()).format();
    OfflineBundle cosigned = bundle.withProof(EntryProof.of(p.logId(), p.index(), p.hashes(),
        Note.sign(body, log.key(), witness)));
    assertEquals(1, InclusionVerifier.verify(cosigned, witnessed).cosigners().size());
    assertEquals(cosigned, BundleFormat.read(BundleFormat.write(cosigned)));
  }

  /** Reading must fail, or the bundle read must fail inclusion or its signature. */
  private void assertRejected(byte[] json, String what) {
    OfflineBundle b;
    try {
      b = BundleFormat.read(json);
    } catch (BundleException e) {
      return;
    }
    try {
      InclusionVerifier.verify(b, trust);
      Attestations.verifyRelease(b.envelope(), PUBLISHER.verificationKey());
    } catch (Exception e) {
      return;
    }
    throw new AssertionError("accepted a tampered bundle: " + what);
  }

  /** Collects copies of {@code root}, each with one change somewhere under {@code node}. */
  private static void mutate(JsonNode root, JsonNode node, List<JsonNode> out) {
    if (node.isObject()) {
      List<String> names = new ArrayList<>();
      node.properties().forEach(e -> names.add(e.getKey()));
      for (String name : names) {
        out.add(edit(root, node, n -> ((ObjectNode) n).remove(name)));
        JsonNode child = node.get(name);
        if (child.isValueNode()) {
          for (JsonNode v : changed(child)) {
            out.add(edit(root, node, n -> ((ObjectNode) n).set(name, v)));
          }
        } else {
          mutate(root, child, out);
        }
      }
      out.add(edit(root, node, n -> ((ObjectNode) n).put("unknownField", "x")));
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        int at = i;
        out.add(edit(root, node, n -> ((ArrayNode) n).remove(at)));
        out.add(edit(root, node, n -> ((ArrayNode) n).add(n.get(at).deepCopy())));
        JsonNode child = node.get(i);
        if (child.isValueNode()) {
          for (JsonNode v : changed(child)) {
            out.add(edit(root, node, n -> ((ArrayNode) n).set(at, v)));
          }
        } else {
          mutate(root, child, out);
        }
      }
    }
  }

  private static List<JsonNode> changed(JsonNode v) {
    List<JsonNode> out = new ArrayList<>();
    String s = v.asText();
    out.add(TextNode.valueOf(s + "x"));
    out.add(TextNode.valueOf(s.isEmpty() ? "y" : s.substring(1)));
    if (s.matches("[0-9]+")) {
      out.add(TextNode.valueOf(Long.toString(Long.parseLong(s) + 1)));
      out.add(TextNode.valueOf(Long.toString(Long.parseLong(s) - 1)));
    }
    try {
      byte[] raw = Base64.getDecoder().decode(s);
      if (raw.length > 0) {
        for (int at : new int[] {0, raw.length / 2, raw.length - 1}) {
          byte[] flipped = raw.clone();
          flipped[at] ^= 1;
          out.add(TextNode.valueOf(Base64.getEncoder().encodeToString(flipped)));
        }
      }
    } catch (IllegalArgumentException notBase64) {
      // a plain string
    }
    if (s.contains("\n")) {
      out.add(TextNode.valueOf(s.replaceFirst("\n", "\nx")));
      out.add(TextNode.valueOf(s.substring(0, s.length() - 2) + "A\n"));
    }
    return out;
  }

  /** A deep copy of {@code root} with {@code change} applied to the copy of {@code target}. */
  private static JsonNode edit(JsonNode root, JsonNode target,
      java.util.function.Consumer<JsonNode> change) {
    JsonNode copy = root.deepCopy();
    change.accept(find(root, copy, target));
    return copy;
  }

  private static JsonNode find(JsonNode orig, JsonNode copy, JsonNode target) {
    if (orig == target) {
      return copy;
    }
    if (orig.isObject()) {
      for (Map.Entry<String, JsonNode> e : orig.properties()) {
        JsonNode hit = find(e.getValue(), copy.get(e.getKey()), target);
        if (hit != null) {
          return hit;
        }
      }
    } else if (orig.isArray()) {
      for (int i = 0; i < orig.size(); i++) {
        JsonNode hit = find(orig.get(i), copy.get(i), target);
        if (hit != null) {
          return hit;
        }
      }
    }
    return null;
  }

  private static JsonNode reversed(JsonNode node) {
    if (node.isObject()) {
      List<Map.Entry<String, JsonNode>> members = new ArrayList<>(node.properties());
      ObjectNode out = JSON.createObjectNode();
      for (int i = members.size() - 1; i >= 0; i--) {
        out.set(members.get(i).getKey(), reversed(members.get(i).getValue()));
      }
      return out;
    }
    return node;
  }
}
