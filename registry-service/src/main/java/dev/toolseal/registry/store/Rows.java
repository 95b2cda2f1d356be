package dev.toolseal.registry.store;

import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.keys.KeyId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Rows of the registry's tables, as the store reads them. Byte arrays are not copied: rows are internal. */
public final class Rows {

    private Rows() {
    }

    /**
     * One accepted envelope.
     *
     * @param envelope canonical envelope JSON
     * @param leaf the LogLeaf bytes appended to the log
     * @param logIndex the leaf's index in the log
     */
    public record Entry(long id, String kind, String name, String version, Hash subjectDigest, KeyId keyId,
            Hash envelopeDigest, byte[] envelope, byte[] leaf, Optional<Long> logIndex, Instant createdAt) {
    }

    /** A key bound to a namespace; {@code proof} is empty for a key bound first come, without a proof. */
    public record Key(KeyId keyId, String namespace, KeyRole role, String algorithm, byte[] spki, KeyState state,
            long entryId, Optional<Proof> proof) {
    }

    /**
     * How a key's namespace was proven.
     *
     * @param method the ownership method's wire name ({@code dns}, {@code http}, {@code github-oidc})
     * @param provenAs what the proof shows: the domain, or {@code github.com/<owner>}
     */
    public record Proof(String method, String provenAs) {
    }

    /** A published release. */
    public record Release(long id, String serverName, String version, Hash manifestDigest, byte[] manifest,
            List<String> toolNames, String description, long entryId, Optional<Long> yankEntryId,
            Instant publishedAt) {
    }

    /** A review of a release. */
    public record Review(long id, long releaseId, long entryId, String assessor, KeyId keyId, String verifierId,
            String result, String findings, Instant reviewedAt) {
    }

    /** A refused attempt to publish other content under a published version. */
    public record Conflict(long id, String serverName, String version, Hash envelopeDigest, Hash manifestDigest,
            String keyIds, Instant attemptedAt) {
    }
}
