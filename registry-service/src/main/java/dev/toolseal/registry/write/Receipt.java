package dev.toolseal.registry.write;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The answer to an accepted write.
 *
 * @param kind the log leaf kind ({@code release}, {@code review}, {@code key-binding}, ...)
 * @param name server name, or namespace for key events
 * @param version release version, or empty for key events
 * @param keyId hex id of the key the entry was accepted on
 * @param envelopeDigest hex SHA-256 of the canonical envelope
 * @param logIndex the entry's index in the transparency log
 * @param status {@code created}, or {@code existing} when an identical release was already published
 * @param inclusion the inclusion proof, when asked for with {@code ?wait=true} and integrated in time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Receipt(String kind, String name, String version, String keyId, String envelopeDigest, long logIndex,
        String status, InclusionView inclusion) {

    /** This receipt with an inclusion proof. */
    public Receipt withInclusion(InclusionView proof) {
        return new Receipt(kind, name, version, keyId, envelopeDigest, logIndex, status, proof);
    }
}
