package dev.toolseal.registry.log;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.toolseal.tlog.note.NoteVerifier;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class LogKeyResourceTest {

    @Inject
    LogSigningKey key;

    @Test
    void servesTheVerifierKeyOfTheSigningKey() throws Exception {
        String body = given().when().get("/log/key").then()
                .statusCode(200)
                .contentType("text/plain")
                .extract().asString();
        NoteVerifier verifier = NoteVerifier.parse(body.strip());
        assertEquals("toolseal.local/log", verifier.name());
        assertEquals(key.signer().verifier(), verifier);
    }
}
