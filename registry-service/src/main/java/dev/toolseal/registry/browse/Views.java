package dev.toolseal.registry.browse;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.registry.write.InclusionView;
import java.time.Instant;
import java.util.List;

/** JSON bodies of the browse API. Digests and key ids are lowercase hex. */
public final class Views {

    private Views() {
    }

    /** One server in a listing: its newest release. */
    public record ServerSummary(String name, String latestVersion, String description, List<String> tools,
            String publisherKeyId, long logIndex, boolean yanked, Instant publishedAt) {
    }

    /** A page of servers; pass {@code nextCursor} as {@code cursor} for the next page. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ServerPage(List<ServerSummary> servers, String nextCursor) {
    }

    /** One version of a server. */
    public record VersionSummary(String version, String manifestDigest, long logIndex, boolean yanked, int reviews,
            Instant publishedAt) {
    }

    /**
     * An assessor's review of a release; {@code provenAs} is what the assessor key's ownership proof
     * shows (a domain, {@code github.com/<owner>}), absent for a key bound without a proof.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ReviewView(String assessor, String keyId, String verifierId, String result, JsonNode findings,
            long logIndex, Instant reviewedAt, String provenAs) {
    }

    /** A release with everything the registry knows about it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record VersionDetail(String name, String version, String manifestDigest, JsonNode manifest,
            List<String> tools, List<String> signatures, String publisherKeyId, String envelopeDigest, long logIndex,
            Long yankLogIndex, List<ReviewView> reviews, long conflicts, InclusionView inclusion, Instant publishedAt) {
    }

    /** A refused attempt to publish other content under a published version. */
    public record ConflictView(String envelopeDigest, String manifestDigest, List<String> keyIds, Instant attemptedAt) {
    }

    /** One log entry with its envelope. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record EntryView(long logIndex, String kind, String name, String version, String keyId,
            String envelopeDigest, JsonNode envelope, String leaf, InclusionView inclusion) {
    }

    /** A key event of a namespace (binding, rotation, revocation). */
    public record KeyEventView(String kind, String keyId, long logIndex, Instant loggedAt) {
    }

    /** A key bound to a namespace. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record KeyView(String keyId, String role, String algorithm, String state, String proofMethod,
            String provenAs) {
    }

    /** A namespace's keys and logged key events. */
    public record NamespaceView(String namespace, List<KeyView> keys, List<KeyEventView> events) {
    }

    /** One change between two manifests. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record ChangeView(String change, String key, String to, List<String> pointers) {
    }

    /** The difference between two versions, structured and rendered as text. */
    public record DiffView(String name, String from, String to, boolean identical, List<ChangeView> changes,
            String text) {
    }
}
