package dev.toolseal.registry.browse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolseal.registry.log.EntryProofs;
import dev.toolseal.registry.problem.ProblemException;
import dev.toolseal.registry.problem.ProblemType;
import dev.toolseal.registry.store.RegistryChanges;
import dev.toolseal.registry.store.RegistryStore;
import dev.toolseal.registry.store.Rows;
import dev.toolseal.registry.store.Transactions;
import dev.toolseal.registry.write.InclusionView;
import dev.toolseal.verifier.manifest.DiffRenderer;
import dev.toolseal.verifier.manifest.ManifestChange;
import dev.toolseal.verifier.manifest.ManifestDiff;
import dev.toolseal.verifier.manifest.ManifestException;
import dev.toolseal.verifier.manifest.ManifestFormat;
import dev.toolseal.verifier.manifest.ToolManifest;
import dev.toolseal.verifier.manifest.ValueChange;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/** The browse API's reads; every read runs in one read-only transaction. */
@ApplicationScoped
public class BrowseService {

    /** Largest page of servers. */
    public static final int MAX_LIMIT = 100;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Transactions transactions;
    private final EntryProofs proofs;
    private final ReadCache<PageKey, Views.ServerPage> pages;
    private final ReadCache<ReleaseKey, Views.VersionDetail> details;

    /** A listing request. */
    private record PageKey(String query, String after, int limit, Optional<Instant> updatedSince) {
    }

    /** A release. */
    private record ReleaseKey(String name, String version) {
    }

    @Inject
    public BrowseService(Transactions transactions, EntryProofs proofs, RegistryChanges changes) {
        this.transactions = transactions;
        this.proofs = proofs;
        this.pages = new ReadCache<>(MAX_CACHED_PAGES, changes, proofs::checkpointSize);
        this.details = new ReadCache<>(MAX_CACHED_DETAILS, changes, proofs::checkpointSize);
    }

    /** Listing pages kept in memory. */
    static final int MAX_CACHED_PAGES = 1_000;
    /** Release details kept in memory. */
    static final int MAX_CACHED_DETAILS = 10_000;

    /**
     * Servers whose name or title contains {@code query}, by name, after the cursor. Pages are
     * kept in memory until the log's checkpoint grows or this instance commits a write.
     */
    public Views.ServerPage servers(String query, Optional<String> cursor, int limit, Optional<Instant> updatedSince) {
        String after = cursor.map(BrowseService::decodeCursor).orElse("");
        return pages.get(new PageKey(query, after, limit, updatedSince), () -> transactions.read(c -> {
            List<RegistryStore.ServerRow> rows = RegistryStore.latestServers(c, query, updatedSince, after, limit + 1);
            List<Views.ServerSummary> page = new ArrayList<>();
            for (RegistryStore.ServerRow row : rows.subList(0, Math.min(limit, rows.size()))) {
                Rows.Release r = row.release();
                page.add(new Views.ServerSummary(r.serverName(), r.version(), r.description(), r.toolNames(),
                        row.keyId().hex(), row.logIndex().orElse(-1L), r.yankEntryId().isPresent(), r.publishedAt()));
            }
            String next = rows.size() > limit ? encodeCursor(page.get(page.size() - 1).name()) : null;
            return new Views.ServerPage(List.copyOf(page), next);
        }));
    }

    /** Every version of {@code name}, newest first; 404 if there is none. */
    public List<Views.VersionSummary> versions(String name) {
        return transactions.read(c -> {
            List<Rows.Release> rows = RegistryStore.releases(c, name);
            if (rows.isEmpty()) {
                throw notFound();
            }
            List<Views.VersionSummary> out = new ArrayList<>();
            for (Rows.Release r : rows) {
                out.add(new Views.VersionSummary(r.version(), r.manifestDigest().hex(),
                        RegistryStore.entry(c, r.entryId()).orElseThrow().logIndex().orElse(-1L),
                        r.yankEntryId().isPresent(), RegistryStore.reviews(c, r.id()).size(), r.publishedAt()));
            }
            return out;
        });
    }

    /**
     * One release with reviews, signatures and its inclusion proof (when integrated). Every change
     * to what it shows (a review, a yank, a newer checkpoint) is a log entry, so a detail is kept
     * in memory for as long as the log's checkpoint stays the same and this instance commits no
     * write (recorded conflicts count as writes here).
     */
    public Views.VersionDetail version(String name, String version) {
        return details.get(new ReleaseKey(name, version), () -> load(name, version));
    }

    private Views.VersionDetail load(String name, String version) {
        ReleaseRecord record = release(name, version);
        Rows.Release r = record.release();
        Rows.Entry e = record.entry();
        long index = e.logIndex().orElseThrow();
        InclusionView inclusion = proofs.proof(index).map(InclusionView::of).orElse(null);
        return new Views.VersionDetail(r.serverName(), r.version(), r.manifestDigest().hex(), tree(r.manifest()),
                r.toolNames(), signatures(e), e.keyId().hex(), e.envelopeDigest().hex(), index,
                record.yank().flatMap(Rows.Entry::logIndex).orElse(null), record.reviews(), record.conflicts(),
                inclusion, r.publishedAt());
    }

    /** The release with its entries, read in one transaction. */
    public ReleaseRecord release(String name, String version) {
        return transactions.read(c -> {
            Rows.Release r = RegistryStore.release(c, name, version).orElseThrow(BrowseService::notFound);
            Rows.Entry e = RegistryStore.entry(c, r.entryId()).orElseThrow();
            Optional<Rows.Entry> yank = r.yankEntryId().isPresent()
                    ? RegistryStore.entry(c, r.yankEntryId().get()) : Optional.empty();
            List<Views.ReviewView> reviews = new ArrayList<>();
            for (Rows.Review rv : RegistryStore.reviews(c, r.id())) {
                long reviewIndex = RegistryStore.entry(c, rv.entryId()).orElseThrow().logIndex().orElse(-1L);
                String provenAs = RegistryStore.key(c, rv.keyId()).flatMap(Rows.Key::proof).map(Rows.Proof::provenAs)
                        .orElse(null);
                reviews.add(new Views.ReviewView(rv.assessor(), rv.keyId().hex(), rv.verifierId(), rv.result(),
                        tree(rv.findings().getBytes(StandardCharsets.UTF_8)), reviewIndex, rv.reviewedAt(), provenAs));
            }
            long conflicts = RegistryStore.conflictCount(c, name, Optional.of(version));
            return new ReleaseRecord(r, e, yank, reviews, conflicts);
        });
    }

    /** A release and what hangs off it. */
    public record ReleaseRecord(Rows.Release release, Rows.Entry entry, Optional<Rows.Entry> yank,
            List<Views.ReviewView> reviews, long conflicts) {
    }

    /** Refused overwrites of {@code name}@{@code version}; 404 if the version is not published. */
    public List<Views.ConflictView> conflicts(String name, String version) {
        return transactions.read(c -> {
            RegistryStore.release(c, name, version).orElseThrow(BrowseService::notFound);
            return RegistryStore.conflicts(c, name, version).stream()
                    .map(k -> new Views.ConflictView(k.envelopeDigest().hex(), k.manifestDigest().hex(),
                            List.of(k.keyIds().split(",")), k.attemptedAt()))
                    .toList();
        });
    }

    /** Refused overwrites of any version of {@code name}. */
    public long conflictCount(String name, Optional<String> version) {
        return transactions.read(c -> RegistryStore.conflictCount(c, name, version));
    }

    /** The log entry at {@code index}, with its inclusion proof when integrated. */
    public Views.EntryView entry(long index) {
        Rows.Entry e = transactions.read(c -> RegistryStore.entryAtIndex(c, index)).orElseThrow(BrowseService::notFound);
        InclusionView inclusion = proofs.proof(index).map(InclusionView::of).orElse(null);
        return new Views.EntryView(index, e.kind(), e.name(), e.version(), e.keyId().hex(), e.envelopeDigest().hex(),
                tree(e.envelope()), new String(e.leaf(), StandardCharsets.UTF_8), inclusion);
    }

    /** Keys and key events of a namespace; 404 if no key was ever bound to it. */
    public Views.NamespaceView namespace(String namespace) {
        return transactions.read(c -> {
            List<Rows.Key> keys = RegistryStore.keys(c, namespace);
            if (keys.isEmpty()) {
                throw notFound();
            }
            List<Views.KeyEventView> events = RegistryStore.keyEvents(c, namespace).stream()
                    .map(e -> new Views.KeyEventView(e.kind(), e.keyId().hex(), e.logIndex().orElseThrow(),
                            e.createdAt()))
                    .toList();
            return new Views.NamespaceView(namespace, keys.stream().map(k -> new Views.KeyView(k.keyId().hex(),
                    k.role().wireName(), k.algorithm(), k.state().wireName(),
                    k.proof().map(Rows.Proof::method).orElse(null), k.proof().map(Rows.Proof::provenAs).orElse(null)))
                    .toList(), events);
        });
    }

    /** The changes from version {@code from} to version {@code to} of {@code name}. */
    public Views.DiffView diff(String name, String from, String to) {
        ToolManifest a = manifest(name, from);
        ToolManifest b = manifest(name, to);
        ManifestDiff diff = ManifestDiff.between(a, b);
        List<Views.ChangeView> changes = new ArrayList<>();
        for (ManifestChange change : diff.changes()) {
            changes.add(view(change));
        }
        return new Views.DiffView(name, from, to, diff.isEmpty(), changes, DiffRenderer.render(diff));
    }

    private static Views.ChangeView view(ManifestChange change) {
        String key = change.key().toString();
        if (change instanceof ManifestChange.Added) {
            return new Views.ChangeView("added", key, null, null);
        }
        if (change instanceof ManifestChange.Removed) {
            return new Views.ChangeView("removed", key, null, null);
        }
        if (change instanceof ManifestChange.Renamed renamed) {
            return new Views.ChangeView("renamed", key, renamed.to().toString(), null);
        }
        ManifestChange.Changed changed = (ManifestChange.Changed) change;
        return new Views.ChangeView("changed", key, null, changed.changes().stream().map(ValueChange::pointer).toList());
    }

    private ToolManifest manifest(String name, String version) {
        byte[] doc = transactions.read(c -> RegistryStore.release(c, name, version)).orElseThrow(BrowseService::notFound)
                .manifest();
        try {
            return new ManifestFormat().parse(doc);
        } catch (ManifestException e) {
            throw new IllegalStateException("a stored manifest does not parse", e);
        }
    }

    private static List<String> signatures(Rows.Entry e) {
        JsonNode sigs = tree(e.envelope()).path("signatures");
        List<String> ids = new ArrayList<>();
        sigs.forEach(s -> ids.add(s.path("keyid").asText()));
        return ids;
    }

    static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("stored JSON does not parse", e);
        }
    }

    static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such server, version or entry.");
    }

    private static String encodeCursor(String name) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(name.getBytes(StandardCharsets.UTF_8));
    }

    private static String decodeCursor(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new ProblemException(ProblemType.INVALID_PARAMETER, "The cursor is not one this API returned.");
        }
    }
}
