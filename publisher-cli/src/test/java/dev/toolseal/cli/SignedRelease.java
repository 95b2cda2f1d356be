package dev.toolseal.cli;

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
import dev.toolseal.verifier.attest.Ownership;
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
import java.util.Optional;

/**
 * Real offline evidence for a recorded server: its manifest recorded with {@code toolseal
 * snapshot}, signed by a fresh publisher key, logged with a key binding in a small in-memory
 * Merkle log whose checkpoint is signed by a fresh note key. Writes {@code release.bundle.json},
 * {@code binding.bundle.json}, {@code publisher.pub} and {@code intruder.pub} into a directory.
 */
public final class SignedRelease {
  public static final String NAME = "io.github.acme/weather";
  public static final String VERSION = "1.0.0";

  private final Path dir;
  private final SigningKey publisher = KeyPairs.generate();
  private final SigningKey intruder = KeyPairs.generate();
  private final NoteSigner logKey;
  private final List<Hash> leaves = new ArrayList<>();

  private final Optional<Ownership> proof;

  private SignedRelease(Path dir, Optional<Ownership> proof) {
    this.dir = dir;
    this.proof = proof;
    byte[] seed = new byte[32];
    Arrays.fill(seed, (byte) 7);
    logKey = NoteSigner.fromSeed("log.toolseal.test", seed);
  }

  /**
   * Records {@code command} as {@link #NAME}@{@link #VERSION} and writes its evidence; the key
   * binding carries a GitHub OIDC ownership proof for {@code acme} (its token is not checked by
   * verifiers, only by the registry that logs it).
   */
  public static SignedRelease of(Path dir, List<String> command) throws Exception {
    SignedRelease r = new SignedRelease(dir, Optional.of(Ownership.githubOidc("acme",
        "eyJhbGciOiJSUzI1NiJ9.eyJyZXBvc2l0b3J5X293bmVyIjoiYWNtZSJ9.c2lnbmF0dXJl")));
    r.write(command);
    return r;
  }

  /** Like {@link #of}, but the key binding carries no ownership proof. */
  public static SignedRelease unproven(Path dir, List<String> command) throws Exception {
    SignedRelease r = new SignedRelease(dir, Optional.empty());
    r.write(command);
    return r;
  }

  private void write(List<String> command) throws Exception {
    List<String> args = new ArrayList<>(List.of("snapshot", "--name", NAME, "--version",
        VERSION, "--out", dir.resolve("base.json").toString(), "--"));
    args.addAll(command);
    Cli.run(args.toArray(String[]::new)).expect(0);
    ToolManifest m = new ManifestFormat().parse(Files.readAllBytes(dir.resolve("base.json")));
    ObjectNode doc = (ObjectNode) new ObjectMapper().readTree(ManifestFormat.format(m));
    Envelope release = Attestations.sign(
        new Release(new ReleaseName(NAME, VERSION), doc).toStatement(), List.of(publisher));
    Envelope binding = Attestations.sign(new KeyBinding("io.github.acme",
        publisher.verificationKey(), Optional.empty(), proof).toStatement(), List.of(publisher));
    LogLeaf bindingLeaf = LogLeaf.describe(binding, publisher.keyId());
    LogLeaf releaseLeaf = LogLeaf.describe(release, publisher.keyId());
    append("filler 0".getBytes(StandardCharsets.UTF_8));
    long b = append(bindingLeaf.format());
    long r = append(releaseLeaf.format());
    append("filler 3".getBytes(StandardCharsets.UTF_8));
    Files.write(binding(), BundleFormat.write(OfflineBundle.of(binding, bindingLeaf, proof(b))));
    Files.write(release(), BundleFormat.write(OfflineBundle.of(release, releaseLeaf, proof(r))));
    PemKeys.writePublicKey(dir.resolve("publisher.pub"), publisher.verificationKey());
    PemKeys.writePublicKey(dir.resolve("intruder.pub"), intruder.verificationKey());
  }

  public Path release() {
    return dir.resolve("release.bundle.json");
  }

  public Path binding() {
    return dir.resolve("binding.bundle.json");
  }

  public Path publisherKey() {
    return dir.resolve("publisher.pub");
  }

  public Path intruderKey() {
    return dir.resolve("intruder.pub");
  }

  /** The trusted log's note verifier key. */
  public String logKey() {
    return logKey.verifier().verifierKey();
  }

  /** The trusted log's origin. */
  public String logOrigin() {
    return logKey.name();
  }

  /**
   * A checkpoint signed by the trusted log key for the evidence's tree size but another root: a
   * fork of the log the evidence was proven in.
   */
  public byte[] forkedCheckpoint() throws Exception {
    return new CheckpointSigner(logKey).sign(new Checkpoint(logKey.name(), leaves.size(),
        Rfc6962.leafHash("a forked history".getBytes(StandardCharsets.UTF_8))));
  }

  /** {@code --release <bundle> --key-event <binding> --log-key <key>}. */
  public List<String> options() {
    return List.of("--release", release().toString(), "--key-event", binding().toString(),
        "--log-key", logKey());
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
}
