package dev.toolseal.registry.ownership;

import static dev.toolseal.registry.write.Signed.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.registry.write.Signed;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.KeyRevocation;
import dev.toolseal.verifier.attest.Ownership;
import dev.toolseal.verifier.attest.OwnershipRecord;
import dev.toolseal.verifier.attest.Review;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Pages, badges and the namespace API show what a key's ownership proof proved, and its key id. */
@QuarkusTest
@TestProfile(ProvenNamespacesProfile.class)
class ProvenDisplayTest {

    @Test
    void provenPublisherAndAssessorAreShownByTheirProvenNamesAndKeys() throws Exception {
        String label = "pg" + Long.toHexString(System.nanoTime() & 0xffffff);
        String publisherDomain = label + "." + ProofWorld.DOMAIN;
        String assessorDomain = "audits-" + label + "." + ProofWorld.DOMAIN;
        SigningKey publisher = KeyPairs.generate();
        SigningKey assessor = KeyPairs.generate();
        ProofWorld.txt(Map.of(publisherDomain, List.of(OwnershipRecord.of(publisher.verificationKey()).toString())));
        ProofWorld.wellKnown(assessorDomain, OwnershipRecord.of(assessor.verificationKey()).toString());
        String namespace = "test.example." + label;
        String server = namespace + "/weather";
        post("/v1/keys/bind", Signed.binding(publisher, namespace, Ownership.dns(publisherDomain))).then()
                .statusCode(201);
        post("/v1/keys/bind", Signed.binding(assessor, "assessor:" + assessorDomain, Ownership.http(assessorDomain)))
                .then().statusCode(201);
        Envelope release = Signed.release(publisher, server, "1.0.0", "Forecasts.");
        post("/v1/releases", release).then().statusCode(201);
        post("/v1/reviews", Signed.review(assessor, release, Review.Result.PASSED)).then().statusCode(201);

        given().get("/v1/namespaces/" + namespace).then().statusCode(200)
                .body("keys[0].provenAs", equalTo(publisherDomain)).body("keys[0].proofMethod", equalTo("dns"));
        String badge = given().get("/v1/badges/" + server + ".svg").then().statusCode(200).extract().asString();
        assertTrue(badge.contains("reviewed by " + assessorDomain), badge);
        String html = given().get("/servers/" + server).then().statusCode(200).extract().asString();
        assertTrue(html.contains("<strong>" + publisherDomain + "</strong> (proven by dns)"), html);
        assertTrue(html.contains("PASSED by " + assessorDomain), html);
        assertTrue(html.contains(assessor.keyId().hex()), html);
        assertFalse(html.contains("unproven"), html);

        // a key rotated to keeps the namespace's proof; after a revocation the namespace stays proven
        SigningKey next = KeyPairs.generate();
        post("/v1/keys/rotate", Signed.rotation(publisher, next, namespace)).then().statusCode(201);
        given().get("/v1/namespaces/" + namespace).then().statusCode(200)
                .body("keys[1].provenAs", equalTo(publisherDomain));
        post("/v1/keys/revoke", Signed.revocation(next, namespace, next, KeyRevocation.Reason.RETIRED)).then()
                .statusCode(201);
    }
}
