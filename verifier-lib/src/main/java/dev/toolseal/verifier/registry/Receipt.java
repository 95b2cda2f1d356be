package dev.toolseal.verifier.registry;

/**
 * The registry's answer to an accepted write (without its inclusion proof; fetch the entry's
 * bundle for that).
 *
 * @param kind the log leaf kind ({@code release}, {@code key-binding}, ...)
 * @param name server name, or namespace for key events
 * @param version release version, empty for key events
 * @param keyId hex id of the key the entry was accepted on
 * @param envelopeDigest hex SHA-256 of the canonical envelope
 * @param logIndex the entry's index in the log
 * @param status {@code created}, or {@code existing} for an identical release published before
 */
public record Receipt(String kind, String name, String version, String keyId,
    String envelopeDigest, long logIndex, String status) {}
