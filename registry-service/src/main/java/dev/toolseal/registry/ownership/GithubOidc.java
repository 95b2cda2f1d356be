package dev.toolseal.registry.ownership;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.toolseal.verifier.attest.Ownership;
import java.net.MalformedURLException;
import java.net.URI;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;

/**
 * Checks a GitHub Actions OIDC token for a {@code github-oidc} proof: an RS256 signature by a key of
 * the issuer's JWKS, {@code iss} the configured issuer, {@code aud} containing this registry's
 * audience, {@code exp}, {@code nbf} and {@code iat} within a small clock skew, and {@code
 * repository_owner} equal to the proof's owner ignoring case. The token's {@code jti} is returned
 * so the binding can use it up ({@link UsedTokens}); a token is single-use.
 */
public final class GithubOidc {

    /** A token that passed every check but the single-use one. */
    public record Accepted(String issuer, String jti, Instant expiresAt) {
    }

    private static final int HTTP_TIMEOUT_MILLIS = 5000;
    private static final int JWKS_SIZE_LIMIT = 64 * 1024;
    private static final int MAX_JTI_CHARS = 256;

    private final String issuer;
    private final String audience;
    private final Duration skew;
    private final Clock clock;
    private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();

    public GithubOidc(String issuer, String jwksUrl, String audience, Duration skew, Clock clock) {
        this.issuer = issuer;
        this.audience = audience;
        this.skew = skew;
        this.clock = clock;
        JWKSource<SecurityContext> keys;
        try {
            keys = JWKSourceBuilder.<SecurityContext>create(URI.create(jwksUrl).toURL(),
                    new DefaultResourceRetriever(HTTP_TIMEOUT_MILLIS, HTTP_TIMEOUT_MILLIS, JWKS_SIZE_LIMIT))
                    .retrying(false).build();
        } catch (MalformedURLException | IllegalArgumentException e) {
            throw new IllegalArgumentException("toolseal.ownership.oidc.jwks-url is not a URL", e);
        }
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // claims are checked below, one failure kind each
        processor.setJWTClaimsSetVerifier(null);
    }

    /** Checks {@code proof}'s token; the caller must still use up its {@code jti}. */
    public Accepted check(Ownership proof) throws OwnershipProofException {
        String token = proof.token().orElseThrow(() -> fail(ProofFailure.TOKEN_MALFORMED, "no token"));
        JWTClaimsSet claims;
        try {
            claims = processor.process(token, null);
        } catch (ParseException e) {
            throw fail(ProofFailure.TOKEN_MALFORMED, "The token is not a signed JWT.");
        } catch (BadJOSEException e) {
            throw fail(ProofFailure.TOKEN_SIGNATURE,
                    "The token is not RS256-signed by a key of the issuer's key set.");
        } catch (JOSEException e) {
            throw fail(ProofFailure.JWKS_UNAVAILABLE, "The issuer's key set could not be fetched.");
        }
        if (!issuer.equals(claims.getIssuer())) {
            throw fail(ProofFailure.TOKEN_ISSUER, "The token's issuer is not " + issuer + ".");
        }
        List<String> aud = claims.getAudience();
        if (aud == null || !aud.contains(audience)) {
            throw fail(ProofFailure.TOKEN_AUDIENCE, "The token's audience is not " + audience + ".");
        }
        Instant expires = checkTimes(claims);
        Object owner = claims.getClaim("repository_owner");
        if (!(owner instanceof String s) || !s.equalsIgnoreCase(proof.subject())) {
            throw fail(ProofFailure.TOKEN_OWNER, "The token's repository_owner is not " + proof.subject() + ".");
        }
        String jti = claims.getJWTID();
        if (jti == null || jti.isEmpty() || jti.length() > MAX_JTI_CHARS) {
            throw fail(ProofFailure.TOKEN_MALFORMED, "The token has no usable jti.");
        }
        return new Accepted(issuer, jti, expires);
    }

    private Instant checkTimes(JWTClaimsSet claims) throws OwnershipProofException {
        Instant now = clock.instant();
        Date exp = claims.getExpirationTime();
        Date iat = claims.getIssueTime();
        Date nbf = claims.getNotBeforeTime();
        if (exp == null || iat == null) {
            throw fail(ProofFailure.TOKEN_MALFORMED, "The token has no exp or iat.");
        }
        if (!exp.toInstant().plus(skew).isAfter(now)) {
            throw fail(ProofFailure.TOKEN_TIME, "The token has expired.");
        }
        if (iat.toInstant().minus(skew).isAfter(now) || (nbf != null && nbf.toInstant().minus(skew).isAfter(now))) {
            throw fail(ProofFailure.TOKEN_TIME, "The token is not valid yet.");
        }
        return exp.toInstant();
    }

    private static OwnershipProofException fail(ProofFailure failure, String detail) {
        return new OwnershipProofException(Ownership.Method.GITHUB_OIDC, failure, detail);
    }
}
