package dev.toolseal.registry.ownership;

import java.util.Locale;

/** What made an ownership proof fail; its wire name goes into the problem's {@code proof.failed}. */
public enum ProofFailure {
    /** The key is not Ed25519, so no MCPv1 record can name it (dns and http). */
    KEY_KIND,
    /** The DNS question failed: no answer, a server failure or a timeout. */
    LOOKUP_FAILED,
    /** The domain has no MCPv1 record at all (no TXT record, or none of that kind). */
    NO_RECORD,
    /** A record that looks like an MCPv1 record does not parse. */
    MALFORMED_RECORD,
    /** The domain's MCPv1 records name other keys. */
    OTHER_KEY,
    /** The host resolves to an address the registry does not fetch from (private, loopback). */
    ADDRESS_REFUSED,
    /** The well-known file could not be fetched: connection, TLS, status, redirect, size or time. */
    FETCH_FAILED,
    /** The token is not a compact RS256 JWT with the claims a GitHub Actions token has. */
    TOKEN_MALFORMED,
    /** The issuer's keys could not be fetched. */
    JWKS_UNAVAILABLE,
    /** No key of the issuer's key set verifies the token's signature. */
    TOKEN_SIGNATURE,
    /** The token's {@code iss} is not the configured issuer. */
    TOKEN_ISSUER,
    /** The token's {@code aud} is not this registry's audience. */
    TOKEN_AUDIENCE,
    /** The token has expired, is not valid yet, or was issued in the future. */
    TOKEN_TIME,
    /** The token's {@code repository_owner} is not the proof's owner. */
    TOKEN_OWNER,
    /** The token's {@code jti} was already used for a binding here. */
    TOKEN_REUSED;

    /** The wire name, e.g. {@code other-key}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
