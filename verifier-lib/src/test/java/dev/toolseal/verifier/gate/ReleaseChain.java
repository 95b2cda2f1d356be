package dev.toolseal.verifier.gate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.DsseSignature;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.Finding;
import dev.toolseal.verifier.attest.KeyBinding;
import dev.toolseal.verifier.attest.KeyRevocation;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.ReleaseName;
import dev.toolseal.verifier.attest.Review;
import dev.toolseal.verifier.attest.Statement;
import dev.toolseal.verifier.bundle.BundleFormat;
import dev.toolseal.verifier.bundle.EntryProof;
import dev.toolseal.verifier.bundle.OfflineBundle;
import dev.toolseal.verifier.bundle.TestBundles;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.log.CheckpointStore;
import dev.toolseal.verifier.log.TestLog;
import dev.toolseal.verifier.manifest.ManifestFormat;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.verification.OfflineEvidenceFiles;
import dev.toolseal.verifier.verification.VerificationPolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The whole signed chain for a recorded server, built with real keys and a real in-memory
 * Merkle log: the publisher's key binding for its namespace, releases signed by the publisher,
 * reviews signed by assessors, revocations, each logged and turned into an offline bundle; the
 * bundles are written to files and read back by {@link OfflineEvidenceFiles}.
 */
final class ReleaseChain {
    private static final ObjectMapper JSON = new ObjectMapper();

    final String namespace;
    final SigningKey publisher = KeyPairs.generate();
    final SigningKey intruder = KeyPairs.generate();
    final SigningKey assessor = KeyPairs.generate();
    final SigningKey critic = KeyPairs.generate();
    final TestLog log = new TestLog("log.toolseal.test", 47).grow(3);
    final OfflineBundle binding;

    ReleaseChain(String namespace) {
        this.namespace = namespace;
        binding = log(Attestations.sign(new KeyBinding(namespace, publisher.verificationKey()).toStatement(),
                List.of(publisher)), publisher);
        log.grow(2);
    }

    /**
     * Publisher keys from the log (the binding carries no ownership proof, so unproven bindings are
     * accepted: these tests are about the gate, not proofs); one PASSED review by the assessor or the
     * critic; reject on any change.
     */
    VerificationPolicy policy() {
        return policy(VerificationPolicy.MismatchAction.REJECT_SERVER);
    }

    VerificationPolicy policy(VerificationPolicy.MismatchAction onMismatch) {
        return VerificationPolicy.builder(log.trust()).publisherKeysFromLog().acceptUnprovenBindings()
                .requireReviews(1, List.of(assessor.verificationKey(), critic.verificationKey()))
                .onMismatch(onMismatch).build();
    }

    /** Signs {@code manifest} as a release with {@code signer} and logs it on that key. */
    OfflineBundle release(ToolManifest manifest, SigningKey signer) {
        return log(releaseEnvelope(manifest, signer), signer);
    }

    static Envelope releaseEnvelope(ToolManifest manifest, SigningKey signer) {
        try {
            ObjectNode doc = (ObjectNode) JSON.readTree(ManifestFormat.format(manifest));
            Release release = new Release(new ReleaseName(manifest.server().name(), manifest.server().version()), doc);
            return Attestations.sign(release.toStatement(), List.of(signer));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The release {@code manifest} with its signature's first bit flipped, logged on the publisher's key. */
    OfflineBundle forgedRelease(ToolManifest manifest) {
        Envelope good = releaseEnvelope(manifest, publisher);
        byte[] sig = good.signatures().get(0).sig();
        sig[0] ^= 1;
        try {
            return log(Envelope.of(good.payloadType(), good.payload(),
                    List.of(new DsseSignature(publisher.keyId(), sig))), publisher);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A logged review of {@code release} by {@code reviewer}. */
    OfflineBundle review(OfflineBundle release, SigningKey reviewer, Review.Result result) {
        Release signed;
        try {
            signed = Release.fromStatement(Statement.parse(release.envelope().payload()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        List<Finding> findings = result == Review.Result.FAILED
                ? List.of(new Finding(Finding.Severity.HIGH, "/tools/0/description", "hidden instructions"))
                : List.of();
        Review review = new Review(signed.subject(), "https://assessor.example/" + reviewer.keyId(),
                Instant.parse("2026-11-01T10:00:00Z"), "mcp://" + signed.name().serverName(),
                "https://toolseal.dev/policy/v1", Optional.empty(), result, List.of("TOOLSEAL_L1"), findings);
        return log(Attestations.sign(review.toStatement(), List.of(reviewer)), reviewer);
    }

    /** A logged revocation of the publisher's key, signed by the publisher. */
    OfflineBundle publisherRevoked() {
        KeyRevocation revocation = new KeyRevocation(namespace, publisher.keyId(),
                KeyRevocation.Reason.COMPROMISED, "key found in a public repository");
        return log(Attestations.sign(revocation.toStatement(), List.of(publisher)), publisher);
    }

    private OfflineBundle log(Envelope envelope, SigningKey authority) {
        return TestBundles.log(log, envelope, authority.keyId());
    }

    /** {@code bundle} with one hash of its inclusion proof (proven at the log's current size) altered. */
    OfflineBundle tamperedProof(OfflineBundle bundle) {
        EntryProof p = TestBundles.refresh(log, bundle).proof();
        List<Hash> hashes = new ArrayList<>(p.hashes());
        hashes.set(0, hashes.get(0).flipBit(3));
        return bundle.withProof(new EntryProof(p.logId(), p.index(), p.treeSize(), p.rootHash(), hashes,
                p.checkpoint()));
    }

    /**
     * Stores in {@code store} a checkpoint signed by the log key for a tree that differs from the
     * real one at the size the real log grows to now: the next evidence shows a fork.
     */
    void forkInto(CheckpointStore store) throws IOException {
        TestLog other = log.copy();
        other.append("a different history".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        log.grow(1);
        store.compareAndSet(log.origin(), Optional.empty(), other.checkpoint());
    }

    /**
     * Writes the bundles to files in {@code dir}, each proven at the log's current size unless it
     * carries its own (already tampered) proof, and returns the source that reads them back.
     */
    OfflineEvidenceFiles write(Path dir, OfflineBundle release, List<OfflineBundle> reviews,
            List<OfflineBundle> keyEvents, boolean keepProofs) throws IOException {
        Files.createDirectories(dir);
        Path releaseFile = write(dir.resolve("release.json"), release, keepProofs);
        List<Path> reviewFiles = new ArrayList<>();
        for (int i = 0; i < reviews.size(); i++) {
            reviewFiles.add(write(dir.resolve("review-" + i + ".json"), reviews.get(i), false));
        }
        List<Path> keyFiles = new ArrayList<>();
        for (int i = 0; i < keyEvents.size(); i++) {
            keyFiles.add(write(dir.resolve("key-" + i + ".json"), keyEvents.get(i), false));
        }
        return new OfflineEvidenceFiles(releaseFile, reviewFiles, keyFiles, log.client());
    }

    /** A release with one PASSED review and the publisher's binding, written to {@code dir}. */
    OfflineEvidenceFiles reviewedRelease(Path dir, ToolManifest manifest) throws IOException {
        OfflineBundle release = release(manifest, publisher);
        return write(dir, release, List.of(review(release, assessor, Review.Result.PASSED)), List.of(binding), false);
    }

    private Path write(Path file, OfflineBundle bundle, boolean keepProof) throws IOException {
        return Files.write(file, BundleFormat.write(keepProof ? bundle : TestBundles.refresh(log, bundle)));
    }
}
