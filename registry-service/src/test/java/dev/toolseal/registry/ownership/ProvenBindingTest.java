package dev.toolseal.registry.ownership;

import static dev.toolseal.registry.write.Signed.post;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toolseal.registry.log.LogEngine;
import dev.toolseal.registry.problem.ProblemType;
import dev.toolseal.registry.write.RegistrySnapshot;
import dev.toolseal.registry.write.Signed;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.KeyBinding;
import dev.toolseal.verifier.attest.KeyRevocation;
import dev.toolseal.verifier.attest.Ownership;
import dev.toolseal.verifier.attest.OwnershipRecord;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The registry's default rule, attacker first: without first come every binding needs an ownership
 * proof that holds, checked against a real DNS server, web server and OIDC issuer; a refused binding
 * stores nothing.
 */
@QuarkusTest
@TestProfile(ProvenNamespacesProfile.class)
class ProvenBindingTest {

    private static final AtomicInteger NAMES = new AtomicInteger();

    @Inject
    DataSource dataSource;

    @Inject
    LogEngine engine;

    private final SigningKey owner = KeyPairs.generate();
    private final SigningKey thief = KeyPairs.generate();
    private final String label = "d" + NAMES.incrementAndGet() + Long.toHexString(System.nanoTime() & 0xfffff);

    private RegistrySnapshot snapshot() throws Exception {
        return RegistrySnapshot.take(dataSource, engine);
    }

    private static void refused(Response r, ProblemType type, String method, String failed) {
        r.then().statusCode(403).contentType("application/problem+json").body("type", equalTo(type.uri().toString()));
        if (method != null) {
            r.then().body("proof.method", equalTo(method));
        }
        r.then().body("proof.failed", equalTo(failed));
    }

    private static String record(SigningKey k) {
        return OwnershipRecord.of(k.verificationKey()).toString();
    }

    @Test
    void aSquattersUnprovenBindingIsRefused() throws Exception {
        RegistrySnapshot before = snapshot();
        refused(post("/v1/keys/bind", Signed.binding(thief, "com.victim")), ProblemType.OWNERSHIP_REQUIRED, null,
                "no-proof");
        refused(post("/v1/keys/bind", Signed.binding(thief, "assessor:victim.example")),
                ProblemType.OWNERSHIP_REQUIRED, null, "no-proof");
        assertEquals(before, snapshot());
    }

    @Test
    void aDnsProofForADomainWhoseTxtRecordHoldsAnotherKeyIsRefused() throws Exception {
        String domain = label + "." + ProofWorld.DOMAIN;
        ProofWorld.txt(Map.of(domain, List.of("v=spf1 -all", record(owner))));
        String namespace = "test.example." + label;
        RegistrySnapshot before = snapshot();
        refused(post("/v1/keys/bind", Signed.binding(thief, namespace, Ownership.dns(domain))),
                ProblemType.OWNERSHIP_PROOF_FAILED, "dns", "other-key");
        refused(post("/v1/keys/bind", Signed.binding(thief, namespace + ".team", Ownership.dns(domain))),
                ProblemType.OWNERSHIP_PROOF_FAILED, "dns", "other-key");
        refused(post("/v1/keys/bind", Signed.binding(thief, "test.example.x" + label,
                Ownership.dns("x" + label + "." + ProofWorld.DOMAIN))), ProblemType.OWNERSHIP_PROOF_FAILED, "dns",
                "no-record");
        assertEquals(before, snapshot());
        post("/v1/keys/bind", Signed.binding(owner, namespace, Ownership.dns(domain))).then().statusCode(201);
        assertEquals(before.plus("entries", 1).plus("namespace_keys", 1).plus("log", 1), snapshot());
    }

    @Test
    void theRegistryChecksAProofOnlyForALiveChallengeAndAFailedProofUsesItUp() throws Exception {
        String domain = label + "." + ProofWorld.DOMAIN;
        String namespace = "test.example." + label;
        // an unissued nonce is refused before any DNS question (else: ownership-proof-failed, no-record)
        Envelope forged = Signed.sign(new KeyBinding(namespace, owner.verificationKey(),
                Optional.of("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"), Optional.of(Ownership.dns(domain))).toStatement(), owner);
        post("/v1/keys/bind", forged).then().statusCode(403)
                .body("type", equalTo(ProblemType.INVALID_CHALLENGE.uri().toString()));
        // a proof that fails uses its challenge up: the same binding, once the record exists, needs a new one
        Envelope early = Signed.binding(owner, namespace, Ownership.dns(domain));
        refused(post("/v1/keys/bind", early), ProblemType.OWNERSHIP_PROOF_FAILED, "dns", "no-record");
        ProofWorld.txt(Map.of(domain, List.of(record(owner))));
        post("/v1/keys/bind", early).then().statusCode(403)
                .body("type", equalTo(ProblemType.INVALID_CHALLENGE.uri().toString()));
        post("/v1/keys/bind", Signed.binding(owner, namespace, Ownership.dns(domain))).then().statusCode(201);
    }

    @Test
    void anHttpWellKnownFileWithAnotherKeyIsRefused() throws Exception {
        String domain = label + "." + ProofWorld.DOMAIN;
        ProofWorld.web.put(domain, record(owner) + "\n");
        String namespace = "test.example." + label;
        RegistrySnapshot before = snapshot();
        refused(post("/v1/keys/bind", Signed.binding(thief, namespace, Ownership.http(domain))),
                ProblemType.OWNERSHIP_PROOF_FAILED, "http", "other-key");
        refused(post("/v1/keys/bind", Signed.binding(thief, "assessor:" + domain, Ownership.http(domain))),
                ProblemType.OWNERSHIP_PROOF_FAILED, "http", "other-key");
        assertEquals(before, snapshot());
        post("/v1/keys/bind", Signed.binding(owner, "assessor:" + domain, Ownership.http(domain))).then()
                .statusCode(201);
    }

    @Test
    void forgedOrReusedOidcTokensAreRefused() throws Exception {
        OidcIssuer issuer = ProofWorld.oidc;
        String acme = "acme-" + label;
        String namespace = "io.github." + acme;
        Instant now = Instant.now();
        Map<String, String> forgeries = Map.of(
                issuer.signedBy(OidcIssuer.otherKey(), acme), "token-signature",
                issuer.token(acme, b -> b.issuer("https://token.actions.githubusercontent.com")), "token-issuer",
                issuer.token(acme, b -> b.audience("https://other-registry.example")), "token-audience",
                issuer.token(acme, b -> b.expirationTime(Date.from(now.minusSeconds(600)))), "token-time",
                issuer.token("evil-" + label), "token-owner");
        RegistrySnapshot before = snapshot();
        for (Map.Entry<String, String> f : forgeries.entrySet()) {
            refused(post("/v1/keys/bind", Signed.binding(thief, namespace, Ownership.githubOidc(acme, f.getKey()))),
                    ProblemType.OWNERSHIP_PROOF_FAILED, "github-oidc", f.getValue());
        }
        assertEquals(before, snapshot());

        String token = issuer.token(acme);
        post("/v1/keys/bind", Signed.binding(owner, namespace, Ownership.githubOidc(acme, token))).then()
                .statusCode(201);
        assertEquals(before.plus("entries", 1).plus("namespace_keys", 1).plus("log", 1)
                .plus("oidc_used_tokens", 1), snapshot());
        // the token is in the log for anyone to read: once the namespace is free of its key again,
        // a copy of it proves nothing
        post("/v1/keys/revoke", Signed.revocation(owner, namespace, owner, KeyRevocation.Reason.RETIRED)).then()
                .statusCode(201);
        RegistrySnapshot revoked = snapshot();
        refused(post("/v1/keys/bind", Signed.binding(thief, namespace, Ownership.githubOidc(acme, token))),
                ProblemType.OWNERSHIP_PROOF_FAILED, "github-oidc", "token-reused");
        refused(post("/v1/keys/bind", Signed.binding(thief, namespace)), ProblemType.OWNERSHIP_REQUIRED, null,
                "no-proof");
        assertEquals(revoked, snapshot());
        SigningKey next = KeyPairs.generate();
        post("/v1/keys/bind", Signed.binding(next, namespace, Ownership.githubOidc(acme, issuer.token(acme)))).then()
                .statusCode(201);
    }
}
