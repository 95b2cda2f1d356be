package dev.toolseal.registry.write;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import dev.toolseal.registry.store.KeyRole;
import dev.toolseal.registry.store.KeyState;
import dev.toolseal.registry.store.RegistryChanges;
import dev.toolseal.registry.store.RegistryStore;
import dev.toolseal.registry.store.Rows;
import dev.toolseal.registry.store.Transactions;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.Finding;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.ReleaseName;
import dev.toolseal.verifier.attest.ReleaseYank;
import dev.toolseal.verifier.attest.Review;
import dev.toolseal.verifier.attest.Verified;
import dev.toolseal.verifier.keys.KeyId;
import dev.toolseal.verifier.keys.VerificationKey;
import dev.toolseal.verifier.log.LogLeaf;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.ManifestFormat;
import dev.toolseal.verifier.manifest.ToolManifest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * Releases, reviews and yanks. A release is signed by its namespace's current key (the namespace
 * is the server name's part before the first '/'); a (server, version) is published once: the same
 * manifest again answers with the existing entry, other content is refused and the attempt is
 * recorded. A review is signed by a registered assessor key and names a published release; a
 * yank by the namespace's current key.
 */
@ApplicationScoped
public class ReleaseWrites {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The outcome of a release post: a new entry, or the existing one for identical content. */
    public record Outcome(String kind, String name, String version, KeyId keyId, dev.toolseal.tlog.Hash envelopeDigest,
            long logIndex, boolean created) {
    }

    private final EntryCommitter committer;
    private final Transactions transactions;
    private final RegistryChanges changes;
    private final SignerKeys signerKeys;
    private final ManifestFormat manifests = new ManifestFormat();

    @Inject
    public ReleaseWrites(EntryCommitter committer, Transactions transactions, RegistryChanges changes,
            SignerKeys signerKeys) {
        this.committer = committer;
        this.transactions = transactions;
        this.changes = changes;
        this.signerKeys = signerKeys;
    }

    /** POST /v1/releases. */
    public Outcome release(Submission s) {
        Release release = KeyWrites.predicate(() -> Release.fromStatement(s.statement()));
        String serverName = release.name().serverName();
        String namespace = Namespaces.ofServer(serverName);
        Namespaces.version(release.name().version());
        ToolManifest manifest = manifest(release);
        // the signature is checked here, on the request's thread and without a connection, against
        // the key the envelope names; the batch then only confirms that key is the namespace's
        // current one (a key's bytes never change). Any other case takes the full path in the batch.
        Optional<KeyId> preVerified = signerKeys.verifiedSigner(s.envelope(), namespace,
                (e, k) -> Attestations.verifyRelease(e, k));
        byte[] canonical = ManifestFormat.format(manifest);
        List<String> tools = toolNames(manifest);
        String title = description(manifest);
        AtomicLong existing = new AtomicLong(-1);
        try {
            EntryCommitter.Committed committed = committer.commit(s, false, (c, inserter) -> {
                Rows.Key key;
                Optional<Rows.Key> current = preVerified.isPresent()
                        ? RegistryStore.currentKeyForShare(c, namespace) : Optional.empty();
                if (current.isPresent() && current.get().keyId().equals(preVerified.get())) {
                    key = current.get();
                } else {
                    key = publisherKey(c, namespace, s.envelope());
                    KeyWrites.verified(() -> Attestations.verifyRelease(s.envelope(), KeyWrites.verificationKey(key)));
                }
                Optional<Rows.Release> published = RegistryStore.release(c, serverName, release.name().version());
                if (published.isPresent()) {
                    if (published.get().manifestDigest().equals(manifest.digest())) {
                        existing.set(published.get().entryId());
                        throw new Idempotent();
                    }
                    throw new VersionConflict(release, s.envelope().envelopeDigest(), s.envelope());
                }
                long id = inserter.insert(c, key.keyId());
                RegistryStore.insertRelease(c, serverName, release.name().version(), manifest.digest(), canonical,
                        tools, title, id);
                return id;
            });
            LogLeaf leaf = committed.leaf();
            return new Outcome(leaf.kind().wireName(), leaf.name(), leaf.version(), leaf.keyId(),
                    leaf.envelopeDigest(), committed.logIndex(), true);
        } catch (Idempotent e) {
            // read after the batch ended: the existing entry may have been written by the same batch
            Rows.Entry entry = entry(existing.get()).filter(x -> x.logIndex().isPresent())
                    .orElseThrow(() -> new ProblemException(ProblemType.UNAVAILABLE,
                            "The release is being published concurrently; retry later."));
            return new Outcome(entry.kind(), entry.name(), entry.version(), entry.keyId(), entry.envelopeDigest(),
                    entry.logIndex().orElseThrow(), false);
        } catch (VersionConflict e) {
            record(e);
            throw new ProblemException(ProblemType.VERSION_CONFLICT, "Version " + release.name().version()
                    + " of this server is already published with other content; the attempt is recorded.");
        }
    }

    /** POST /v1/reviews. */
    public EntryCommitter.Committed review(Submission s) {
        Review claimed = KeyWrites.predicate(() -> Review.fromStatement(s.statement()));
        ReleaseName name = releaseName(claimed.subject().name());
        return committer.commit(s, (c, inserter) -> {
            List<VerificationKey> assessors = new ArrayList<>();
            boolean revoked = false;
            for (KeyId id : s.envelope().keyIds()) {
                Optional<Rows.Key> key = RegistryStore.key(c, id).filter(k -> k.role() == KeyRole.ASSESSOR);
                if (key.isPresent() && key.get().state() == KeyState.CURRENT) {
                    assessors.add(KeyWrites.verificationKey(key.get()));
                }
                revoked |= key.isPresent() && key.get().state() != KeyState.CURRENT;
            }
            if (assessors.isEmpty()) {
                throw revoked ? new ProblemException(ProblemType.KEY_REVOKED, "The assessor key is revoked or rotated.")
                        : new ProblemException(ProblemType.UNKNOWN_KEY, "No signature is by a registered assessor key.");
            }
            Verified<Review> v = KeyWrites.verified(() -> Attestations.verifyReview(s.envelope(), assessors));
            Rows.Release release = RegistryStore.release(c, name.serverName(), name.version())
                    .filter(r -> r.manifestDigest().equals(claimed.subject().sha256()))
                    .orElseThrow(() -> new ProblemException(ProblemType.UNKNOWN_RELEASE,
                            "The review's subject is not a published release."));
            KeyId authority = v.signers().first();
            Rows.Key assessor = RegistryStore.key(c, authority).orElseThrow();
            long id = inserter.insert(c, authority);
            Review review = v.value();
            RegistryStore.insertReview(c, release.id(), id, assessor.namespace(), authority, review.verifierId(),
                    review.result().name(), findings(review.findings()));
            return id;
        });
    }

    /** POST /v1/yanks. */
    public EntryCommitter.Committed yank(Submission s) {
        ReleaseYank claimed = KeyWrites.predicate(() -> ReleaseYank.fromStatement(s.statement()));
        String namespace = Namespaces.ofServer(claimed.name().serverName());
        return committer.commit(s, (c, inserter) -> {
            Rows.Key key = publisherKey(c, namespace, s.envelope());
            KeyWrites.verified(() -> Attestations.verifyYank(s.envelope(), KeyWrites.verificationKey(key)));
            Rows.Release release = RegistryStore.release(c, claimed.name().serverName(), claimed.name().version())
                    .filter(r -> r.manifestDigest().equals(claimed.manifestDigest()))
                    .orElseThrow(() -> new ProblemException(ProblemType.UNKNOWN_RELEASE,
                            "The yank's subject is not a published release."));
            if (release.yankEntryId().isPresent()) {
                throw new ProblemException(ProblemType.ALREADY_YANKED, "This release is already yanked.");
            }
            long id = inserter.insert(c, key.keyId());
            RegistryStore.setYanked(c, release.id(), id);
            return id;
        });
    }

    /**
     * The namespace's current key, if it signed the envelope; otherwise {@code key-revoked} when a
     * revoked key of the namespace signed, else {@code unknown-key}.
     */
    private static Rows.Key publisherKey(Connection c, String namespace, Envelope envelope) throws SQLException {
        Optional<Rows.Key> current = RegistryStore.currentKeyForShare(c, namespace);
        if (current.isPresent() && envelope.keyIds().contains(current.get().keyId())) {
            return current.get();
        }
        for (KeyId id : envelope.keyIds()) {
            Optional<Rows.Key> key = RegistryStore.key(c, id);
            if (key.isPresent() && key.get().namespace().equals(namespace) && key.get().state() == KeyState.REVOKED) {
                throw new ProblemException(ProblemType.KEY_REVOKED, "The signing key is revoked.");
            }
        }
        throw new ProblemException(ProblemType.UNKNOWN_KEY,
                "No signature is by the current key bound to the namespace " + namespace + ".");
    }

    private ToolManifest manifest(Release release) {
        ToolManifest manifest;
        try {
            manifest = manifests.parse(JSON.writeValueAsBytes(release.manifest()));
        } catch (ManifestException | JsonProcessingException e) {
            throw new ProblemException(ProblemType.INVALID_MANIFEST, "The predicate is not a valid ToolSeal manifest v1"
                    + (e instanceof ManifestException m ? " (at " + m.pointer() + ")." : "."));
        }
        if (!manifest.server().name().equals(release.name().serverName())
                || !manifest.server().version().equals(release.name().version())) {
            throw new ProblemException(ProblemType.INVALID_MANIFEST,
                    "The manifest's server name and version differ from the subject's.");
        }
        if (!manifest.digest().equals(release.manifestDigest())) {
            throw new ProblemException(ProblemType.DIGEST_MISMATCH,
                    "The subject digest is not the manifest digest (write the manifest in its canonical form).");
        }
        return manifest;
    }

    private void record(VersionConflict conflict) {
        try {
            transactions.write(c -> {
                RegistryStore.insertConflict(c, conflict.release.name().serverName(), conflict.release.name().version(),
                        conflict.envelopeDigest, conflict.release.manifestDigest(),
                        conflict.envelope.keyIds().stream().map(KeyId::hex).collect(Collectors.joining(",")));
                return null;
            });
            changes.changed();
        } catch (SQLException e) {
            throw Transactions.unavailable(e);
        }
    }

    private Optional<Rows.Entry> entry(long id) {
        return transactions.read(c -> RegistryStore.entry(c, id));
    }

    private static ReleaseName releaseName(String subjectName) {
        try {
            ReleaseName name = ReleaseName.parse(subjectName);
            Namespaces.ofServer(name.serverName());
            return name;
        } catch (IllegalArgumentException e) {
            throw Rejections.invalidStatement();
        }
    }

    static List<String> toolNames(ToolManifest manifest) {
        return manifest.entries().keySet().stream()
                .filter(k -> k.kind() == dev.toolseal.verifier.manifest.EntryKind.TOOL)
                .map(k -> k.id()).toList();
    }

    /** serverInfo.title, else serverInfo.name, for search and listings. */
    static String description(ToolManifest manifest) {
        var info = manifest.serverInfo().orElse(MissingNode.getInstance());
        String title = info.path("title").asText("");
        return title.isEmpty() ? info.path("name").asText("") : title;
    }

    private static String findings(List<Finding> findings) {
        ArrayNode array = JSON.createArrayNode();
        for (Finding f : findings) {
            array.addObject().put("severity", f.severity().wireName()).put("path", f.path()).put("message", f.message());
        }
        return array.toString();
    }

    /** A write decided without a problem type; rolls its savepoint back like a refusal. */
    abstract static class Decided extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Decided() {
            super(null, null, false, false);
        }
    }

    /** Rolls the write back when the same content is already published. */
    private static final class Idempotent extends Decided {
        private static final long serialVersionUID = 1L;
    }

    /** Rolls the write back when other content is already published; recorded afterwards. */
    private static final class VersionConflict extends Decided {
        private static final long serialVersionUID = 1L;
        private final transient Release release;
        private final transient dev.toolseal.tlog.Hash envelopeDigest;
        private final transient Envelope envelope;

        VersionConflict(Release release, dev.toolseal.tlog.Hash envelopeDigest, Envelope envelope) {
            this.release = release;
            this.envelopeDigest = envelopeDigest;
            this.envelope = envelope;
        }
    }
}
