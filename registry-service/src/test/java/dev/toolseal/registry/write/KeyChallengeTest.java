package dev.toolseal.registry.write;

import static dev.toolseal.registry.write.Signed.post;
import static dev.toolseal.registry.write.WriteApiTest.assertProblem;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.registry.log.LogEngine;
import dev.toolseal.registry.problem.ProblemType;
import dev.toolseal.verifier.attest.KeyBinding;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** Key bindings need a registry-issued nonce, usable once and only before it expires. */
@QuarkusTest
class KeyChallengeTest {

    @Inject
    DataSource dataSource;

    @Inject
    LogEngine engine;

    private RegistrySnapshot snapshot() throws Exception {
        return RegistrySnapshot.take(dataSource, engine);
    }

    @Test
    void challengesAreFreshNoncesThatExpireInTheFuture() {
        var first = given().when().post("/v1/keys/challenge").then().statusCode(200)
                .header("Cache-Control", org.hamcrest.Matchers.containsString("no-store")).extract().jsonPath();
        String second = Signed.challenge();
        assertTrue(KeyBinding.isNonce(first.getString("nonce")));
        assertNotEquals(first.getString("nonce"), second);
        assertTrue(Instant.parse(first.getString("expiresAt")).isAfter(Instant.now()));
    }

    @Test
    void aBindingWithoutANonceIsRefusedAndNothingIsStored() throws Exception {
        RegistrySnapshot before = snapshot();
        assertProblem(post("/v1/keys/bind", Signed.binding(KeyPairs.generate(), Signed.freshNamespace(),
                Optional.empty())), 422, ProblemType.CHALLENGE_REQUIRED);
        assertEquals(before, snapshot());
    }

    @Test
    void aNonceTheRegistryNeverIssuedIsRefused() throws Exception {
        RegistrySnapshot before = snapshot();
        assertProblem(post("/v1/keys/bind", Signed.binding(KeyPairs.generate(), Signed.freshNamespace(),
                Optional.of("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"))), 403, ProblemType.INVALID_CHALLENGE);
        assertEquals(before, snapshot());
    }

    @Test
    void aNonceBindsOnceAndItsReplayInAnotherBindingIsRefused() throws Exception {
        String nonce = Signed.challenge();
        post("/v1/keys/bind", Signed.binding(KeyPairs.generate(), Signed.freshNamespace(), Optional.of(nonce)))
                .then().statusCode(201);
        RegistrySnapshot before = snapshot();
        assertProblem(post("/v1/keys/bind", Signed.binding(KeyPairs.generate(), Signed.freshNamespace(),
                Optional.of(nonce))), 403, ProblemType.INVALID_CHALLENGE);
        assertEquals(before, snapshot());
    }

    @Test
    void aRefusedBindingLeavesItsNonceUsable() throws Exception {
        SigningKey owner = KeyPairs.generate();
        String namespace = Signed.freshNamespace();
        post("/v1/keys/bind", Signed.binding(owner, namespace)).then().statusCode(201);
        String nonce = Signed.challenge();
        assertProblem(post("/v1/keys/bind", Signed.binding(KeyPairs.generate(), namespace, Optional.of(nonce))),
                409, ProblemType.NAMESPACE_TAKEN);
        post("/v1/keys/bind", Signed.binding(KeyPairs.generate(), Signed.freshNamespace(), Optional.of(nonce)))
                .then().statusCode(201);
    }

    @Test
    void anExpiredNonceIsRefused() throws Exception {
        String nonce = Signed.challenge();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE key_challenges SET expires_at = now() - interval '1 second' WHERE nonce = ?")) {
            ps.setString(1, nonce);
            assertEquals(1, ps.executeUpdate());
        }
        assertProblem(post("/v1/keys/bind", Signed.binding(KeyPairs.generate(), Signed.freshNamespace(),
                Optional.of(nonce))), 403, ProblemType.INVALID_CHALLENGE);
    }
}
