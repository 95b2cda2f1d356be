package dev.toolseal.verifier.verification;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.verifier.SuccessCache;
import dev.toolseal.verifier.SuccessCaches;
import dev.toolseal.verifier.attest.DsseSignature;
import dev.toolseal.verifier.bundle.BundleFormat;
import dev.toolseal.verifier.bundle.OfflineBundle;
import dev.toolseal.verifier.json.JsonLimits;
import dev.toolseal.verifier.json.Jcs;
import dev.toolseal.verifier.json.StrictJson;
import dev.toolseal.verifier.keys.Ed25519Check;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.keys.VerificationKey;
import dev.toolseal.verifier.log.MemoryCheckpointStore;
import dev.toolseal.verifier.manifest.ManifestAssembler;
import dev.toolseal.verifier.manifest.ManifestFormat;
import dev.toolseal.verifier.manifest.ToolManifest;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Warm verification of a live 100-tool manifest against an offline release bundle and two review
 * bundles (pinned publisher key, one trusted log key, a checkpoint store that already holds the
 * bundles' checkpoint), against the floor: the work no verifier can skip on the first look at the
 * evidence, JCS + SHA-256 of the manifest and the four signature checks (publisher, two reviews,
 * the checkpoint note). Run with {@code ./mvnw -B -q -pl verifier-lib -am -Pbench -DskipTests
 * verify} (verifier-lib/README.md, "Benchmark").
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class VerifierBenchmark {
  @Param("100")
  public int tools;

  private BenchRelease release;
  private ToolManifest live;
  private MemoryCheckpointStore store;
  private JsonNode manifestTree;
  private List<Check> signatures;
  private byte[] checkpoint;
  private byte[] releaseJson;
  private List<byte[]> reviewJson;

  /** One signature check of the floor. */
  private record Check(VerificationKey key, byte[] message, byte[] sig) {}

  @Setup
  public void setUp() throws Exception {
    release = new BenchRelease(tools);
    live = new ManifestAssembler().assemble(BenchRelease.session(tools));
    store = new MemoryCheckpointStore();
    require(ReleaseVerifier.verify(live, release.evidence, release.policy, store));
    manifestTree = new StrictJson(new JsonLimits(4 << 20, 64, 1 << 20))
        .parse(ManifestFormat.format(live));
    signatures = new java.util.ArrayList<>();
    signatures.add(check(release.evidence.release(), release.publisher));
    for (int i = 0; i < release.evidence.reviews().size(); i++) {
      signatures.add(check(release.evidence.reviews().get(i), release.assessors.get(i)));
    }
    checkpoint = release.evidence.release().proof().checkpoint();
    releaseJson = BundleFormat.write(release.evidence.release());
    reviewJson = release.evidence.reviews().stream().map(BundleFormat::write).toList();
  }

  private static Check check(OfflineBundle b, SigningKey signer) {
    DsseSignature s = b.envelope().signatures().get(0);
    return new Check(signer.verificationKey(), b.envelope().pae(), s.sig());
  }

  private static VerificationResult require(VerificationResult r) {
    if (r.status() != VerificationResult.Status.ACCEPTED) {
      throw new IllegalStateException("the benchmark release does not verify: " + r.explain());
    }
    return r;
  }

  /** Full warm verification: the evidence objects are held, as a client holds them. */
  @Benchmark
  public VerificationResult verify100Tools() {
    return ReleaseVerifier.verify(live, release.evidence, release.policy, store);
  }

  /**
   * Fresh inputs for one uncached verification, made outside the measured time: the live manifest
   * assembled again and the evidence read again from bundle JSON (so no part digest or envelope
   * digest memoized inside those objects survives), then every {@link SuccessCache} emptied.
   */
  @State(Scope.Thread)
  public static class Fresh {
    ToolManifest live;
    ReleaseEvidence evidence;

    @Setup(Level.Invocation)
    public void setUp(VerifierBenchmark b) throws Exception {
      live = new ManifestAssembler().assemble(b.release.session);
      evidence = ReleaseEvidence.read(b.releaseJson, b.reviewJson, List.of(),
          b.release.log.client());
      SuccessCaches.clearAll();
    }
  }

  /**
   * Thread CPU time per call, reported next to the wall time as {@code cpuUsPerOp}: on a machine
   * shared with other work, wall time also counts the time the thread waited for a core, CPU
   * time much less so. Used by {@code verify100ToolsUncached} and {@code floor}, so that their
   * ratio can also be read from CPU time.
   */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class CpuTime {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private long nanos;
    private long calls;
    private int iterations;
    /**
     * Mean thread CPU time per call in this iteration, in microseconds, divided by the number of
     * measurement iterations: JMH sums an events counter over them, so the sum is the mean.
     */
    public double cpuUsPerOp;

    @Setup(Level.Iteration)
    public void reset(BenchmarkParams params) {
      nanos = 0;
      calls = 0;
      cpuUsPerOp = 0;
      iterations = Math.max(1, params.getMeasurement().getCount());
    }

    long start() {
      return THREADS.getCurrentThreadCpuTime();
    }

    void stop(long start) {
      nanos += THREADS.getCurrentThreadCpuTime() - start;
      calls++;
      cpuUsPerOp = nanos / 1000.0 / calls / iterations;
    }
  }

  /**
   * The same verification with nothing remembered: every signature, statement, checkpoint and
   * manifest check runs (see {@link Fresh}).
   */
  @Benchmark
  public VerificationResult verify100ToolsUncached(Fresh f, CpuTime cpu) {
    long start = cpu.start();
    VerificationResult r = ReleaseVerifier.verify(f.live, f.evidence, release.policy, store);
    cpu.stop(start);
    return r;
  }

  /** The floor: JCS + SHA-256 of the manifest, and the four signature checks. */
  @Benchmark
  public Object floor(CpuTime cpu) throws Exception {
    long start = cpu.start();
    Object digest = Jcs.sha256(manifestTree);
    Object checkpoint = signatureChecks();
    cpu.stop(start);
    return List.of(digest, checkpoint);
  }

  /** Part of the floor: JCS + SHA-256 of the manifest tree. */
  @Benchmark
  public Object jcsSha256Manifest() {
    return Jcs.sha256(manifestTree);
  }

  /**
   * Part of the floor: publisher, two reviews, checkpoint note, each with the Ed25519 check the
   * verifier uses for it (the note's through {@code log.CheckpointOpener}'s signature check).
   */
  @Benchmark
  public Object signatureChecks() throws Exception {
    for (Check c : signatures) {
      c.key.verify(c.message, c.sig);
    }
    return SignedCheckpoint.open(checkpoint,
        release.log.key().verifier().withCheck(Ed25519Check::verify));
  }

  /** Verification from bundle JSON read afresh (nothing held between calls). */
  @Benchmark
  public VerificationResult verifyFromBundleJson() throws Exception {
    ReleaseEvidence e = ReleaseEvidence.read(releaseJson, reviewJson, List.of(),
        release.log.client());
    return ReleaseVerifier.verify(live, e, release.policy, store);
  }

  /** What a client also does on every tools/list: build the live manifest from raw JSON. */
  @Benchmark
  public ToolManifest assembleLive() throws Exception {
    return new ManifestAssembler().assemble(release.session);
  }
}
