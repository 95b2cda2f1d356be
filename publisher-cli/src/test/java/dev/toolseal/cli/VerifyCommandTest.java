package dev.toolseal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.NodeId;
import dev.toolseal.tlog.Rfc6962;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.CheckpointSigner;
import dev.toolseal.tlog.note.NoteSigner;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.KeyBinding;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.ReleaseName;
import dev.toolseal.verifier.bundle.BundleFormat;
import dev.toolseal.verifier.bundle.EntryProof;
import dev.toolseal.verifier.bundle.OfflineBundle;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.PemKeys;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.log.LogId;
import dev.toolseal.verifier.log.LogLeaf;
import dev.toolseal.verifier.manifest.ManifestFormat;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code toolseal verify} against verifier-lib's rug-pull test server, with real evidence: the
 * baseline recorded with {@code snapshot}, signed by a fresh publisher key, logged with a key
 * binding in a small in-memory Merkle log whose checkpoint is signed by a fresh note key.
 */
class VerifyCommandTest {
  static final String NAME = "io.github.acme/weather";
  static final String VERSION = "1.0.0";

  @TempDir
  Path dir;

  final SigningKey publisher = KeyPairs.generate();
  final SigningKey intruder = KeyPairs.generate();
  NoteSigner logKey;
  final List<Hash> leaves = new ArrayList<>();

  @BeforeEach
  void makeEvidence() throws Exception {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 7);
    logKey = NoteSigner.fromSeed("log.toolseal.test", seed);
    Cli.run("snapshot", "--name", NAME, "--version", VERSION, "--out",
        dir.resolve("base.json").toString(), "--", "node", server(), "baseline").expect(0);
    ToolManifest m = new ManifestFormat().parse(Files.readAllBytes(dir.resolve("base.json")));
    ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(ManifestFormat.format(m));
    Envelope release = Attestations.sign(
        new Release(new ReleaseName(NAME, VERSION), doc).toStatement(), List.of(publisher));
    Envelope binding = Attestations.sign(new KeyBinding("io.github.acme",
        publisher.verificationKey()).toStatement(), List.of(publisher));
    LogLeaf bindingLeaf = LogLeaf.describe(binding, publisher.keyId());
    LogLeaf releaseLeaf = LogLeaf.describe(release, publisher.keyId());
    append("filler 0".getBytes(StandardCharsets.UTF_8));
    long b = append(bindingLeaf.format());
    long r = append(releaseLeaf.format());
    append("filler 3".getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("binding.bundle.json"),
        BundleFormat.write(OfflineBundle.of(binding, bindingLeaf, proof(b))));
    Files.write(dir.resolve("release.bundle.json"),
        BundleFormat.write(OfflineBundle.of(release, releaseLeaf, proof(r))));
    PemKeys.writePublicKey(dir.resolve("publisher.pub"), publisher.verificationKey());
    PemKeys.writePublicKey(dir.resolve("intruder.pub"), intruder.verificationKey());
  }

  private long append(byte[] leaf) {
    leaves.add(Rfc6962.leafHash(leaf));
    return leaves.size() - 1;
  }

  private EntryProof proof(long index) throws Exception {
    long size = leaves.size();
    byte[] checkpoint = new CheckpointSigner(logKey).sign(new Checkpoint(logKey.name(), size,
        MerkleTree.treeHash(size, this::nodes)));
    return EntryProof.of(LogId.of(logKey.verifier()), index,
        MerkleTree.proveInclusion(index, size, this::nodes), checkpoint);
  }

  private List<Hash> nodes(List<NodeId> ids) {
    return ids.stream().map(id -> node(id.level(), id.index())).toList();
  }

  private Hash node(int level, long index) {
    return level == 0 ? leaves.get((int) index)
        : Rfc6962.nodeHash(node(level - 1, 2 * index), node(level - 1, 2 * index + 1));
  }

  private static String server() {
    return SnapshotCommandTest.servers().resolve("rugpull-server.mjs").toString();
  }

  private Cli verify(String variant, String... more) {
    List<String> args = new ArrayList<>(List.of("verify",
        "--bundle", dir.resolve("release.bundle.json").toString(),
        "--key-event", dir.resolve("binding.bundle.json").toString(),
        "--log-key", logKey.verifier().verifierKey()));
    args.addAll(List.of(more));
    args.addAll(List.of("--", "node", server(), variant));
    return Cli.run(args.toArray(String[]::new));
  }

  @Test
  void acceptsTheSignedBaseline() {
    Cli r = verify("baseline").expect(0);
    assertTrue(r.out().contains("ACCEPTED"), r.out());
    JsonNode doc = verify("baseline", "--publisher-key", dir.resolve("publisher.pub").toString(),
        "--output", "json").expect(0).json();
    assertEquals("ACCEPTED", doc.get("status").textValue());
    assertEquals(NAME, doc.get("server").textValue());
  }

  @Test
  void rejectsARugPullNamingTheChangedTool() {
    Cli r = verify("description-appended").expect(3);
    assertTrue(r.out().contains("REJECTED"), r.out());
    assertTrue(r.out().contains("tool:add"), r.out());
    JsonNode doc = verify("description-appended", "--output", "json").expect(3).json();
    assertEquals("REJECTED", doc.get("status").textValue());
    assertFalse(doc.get("reasons").isEmpty());
    List<String> entries = new ArrayList<>();
    doc.get("reasons").forEach(n -> entries.add(n.get("entry").asText()));
    assertTrue(entries.contains("tool:add"), doc.toString());
    assertFalse(entries.contains("tool:get_weather"), doc.toString());
    assertTrue(doc.get("accepted").isEmpty());
  }

  @Test
  void quarantineHidesOnlyTheChangedToolButStillFails() {
    JsonNode doc = verify("description-appended", "--quarantine", "--output", "json")
        .expect(3).json();
    assertEquals("QUARANTINED", doc.get("status").textValue());
    List<String> hidden = new ArrayList<>();
    doc.get("rejected").forEach(n -> hidden.add(n.textValue()));
    assertEquals(1, hidden.size(), doc.toString());
    assertEquals(List.of("tool:add"), hidden);
  }

  @Test
  void rejectsAReleaseWhenAnotherPublisherKeyIsPinned() {
    JsonNode doc = verify("baseline", "--publisher-key", dir.resolve("intruder.pub").toString(),
        "--output", "json").expect(3).json();
    assertEquals("REJECTED", doc.get("status").textValue());
    assertFalse(doc.get("reasons").isEmpty());
  }

  @Test
  void rejectsWhenARequiredReviewIsMissing() {
    JsonNode doc = verify("baseline", "--require-reviews", "1", "--assessor-key",
        dir.resolve("intruder.pub").toString(), "--output", "json").expect(3).json();
    assertEquals("REJECTED", doc.get("status").textValue());
    assertFalse(doc.get("reasons").isEmpty());
    verify("baseline", "--require-reviews", "2", "--assessor-key",
        dir.resolve("intruder.pub").toString()).expect(2);
  }

  @Test
  void rejectsWhenTheLogKeyIsNotTrusted() throws Exception {
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 9);
    String other = NoteSigner.fromSeed("log.toolseal.test", seed).verifier().verifierKey();
    Cli.run("verify", "--bundle", dir.resolve("release.bundle.json").toString(),
        "--key-event", dir.resolve("binding.bundle.json").toString(), "--log-key", other,
        "--", "node", server(), "baseline").expect(3);
  }

  @Test
  void usageAndFileErrors() {
    Cli.run("verify", "--bundle", dir.resolve("release.bundle.json").toString(),
        "--log-key", "not a key", "--", "node", server(), "baseline").expect(2);
    Cli.run("verify", "--bundle", dir.resolve("release.bundle.json").toString(),
        "--log-key", logKey.verifier().verifierKey()).expect(2);
    Cli.run("verify", "--bundle", dir.resolve("missing.json").toString(),
        "--log-key", logKey.verifier().verifierKey(), "--", "node", server(), "baseline")
        .expect(4);
  }
}
