package dev.toolseal.registry.ownership;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * A local OIDC issuer for tests: its own RSA key, published as a JWKS on a loopback HTTP server, and
 * GitHub Actions-shaped tokens minted with it. {@link #token} mints a good token; its operator
 * argument changes the claims, and {@link #signedBy} signs with another key under the same key id.
 */
final class OidcIssuer implements AutoCloseable {

    static final String AUDIENCE = "toolseal-test";

    private final HttpServer server;
    private final RSAKey key;

    OidcIssuer() throws IOException, JOSEException {
        key = new RSAKeyGenerator(2048).keyID("issuer-key").generate();
        byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/.well-known/jwks", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, jwks.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(jwks);
            }
        });
        server.start();
    }

    String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String jwksUrl() {
        return issuer() + "/.well-known/jwks";
    }

    /** The claims of a fresh, valid token for {@code owner}. */
    JWTClaimsSet.Builder claims(String owner) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer()).audience(AUDIENCE)
                .subject("repo:" + owner + "/tools:ref:refs/heads/main").claim("repository_owner", owner)
                .claim("repository", owner + "/tools").jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now.minusSeconds(5))).notBeforeTime(Date.from(now.minusSeconds(5)))
                .expirationTime(Date.from(now.plus(Duration.ofMinutes(5))));
    }

    /** A token for {@code owner}, its claims changed by {@code change}, signed by the issuer. */
    String token(String owner, UnaryOperator<JWTClaimsSet.Builder> change) {
        return sign(change.apply(claims(owner)).build(), key);
    }

    String token(String owner) {
        return token(owner, b -> b);
    }

    /** A token for {@code owner} signed by another RSA key that claims the issuer's key id. */
    String signedBy(RSAKey other, String owner) {
        return sign(claims(owner).build(), other);
    }

    /** An HS256 token keyed with the issuer's public modulus (the algorithm-confusion forgery). */
    String hmacForgery(String owner) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(key.getKeyID()).build(),
                    claims(owner).build());
            jwt.sign(new MACSigner(key.toPublicJWK().toRSAPublicKey().getModulus().toByteArray()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey otherKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("issuer-key").generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String sign(JWTClaimsSet claims, RSAKey with) {
        try {
            JWSSigner signer = new RSASSASigner(with);
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(with.getKeyID()).build(),
                    claims);
            jwt.sign(signer);
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
