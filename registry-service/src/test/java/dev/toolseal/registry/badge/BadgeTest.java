package dev.toolseal.registry.badge;

import static dev.toolseal.registry.write.Signed.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.registry.write.Signed;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.Review;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Badges for each release status, caching headers and escaping. */
@QuarkusTest
class BadgeTest {

    private final SigningKey publisher = KeyPairs.generate();
    private final String namespace = Signed.freshNamespace();
    private final String server = namespace + "/weather";

    private String badge(String path) {
        return given().get("/v1/badges/" + path).then().statusCode(200).contentType("image/svg+xml")
                .header("Cache-Control", BadgeResource.CACHE).extract().asString();
    }

    @Test
    void badgesFollowTheReleaseStatus() {
        post("/v1/keys/bind", Signed.binding(publisher, namespace)).then().statusCode(201);
        Envelope release = Signed.release(publisher, server, "1.0.0", "Forecasts.");
        post("/v1/releases", release).then().statusCode(201);
        assertTrue(badge(server + ".svg").contains("signed, unreviewed"));

        SigningKey assessor = KeyPairs.generate();
        post("/v1/keys/bind", Signed.binding(assessor, "assessor:audits-" + namespace)).then().statusCode(201);
        post("/v1/reviews", Signed.review(assessor, release, Review.Result.PASSED)).then().statusCode(201);
        // the assessor was bound first come: its namespace is a name it chose, never shown as proven
        String reviewed = badge(server + "/1.0.0.svg");
        assertTrue(reviewed.contains(BadgeResource.UNPROVEN_REVIEWS), reviewed);
        assertFalse(reviewed.contains("audits-" + namespace), reviewed);

        post("/v1/releases", Signed.release(publisher, server, "1.0.0", "Changed.")).then().statusCode(409);
        assertTrue(badge(server + "/1.0.0.svg").contains("mismatch"));

        post("/v1/yanks", Signed.yank(publisher, release)).then().statusCode(201);
        assertTrue(badge(server + "/1.0.0.svg").contains("yanked"));
    }

    @Test
    void aFailedReviewShows() {
        post("/v1/keys/bind", Signed.binding(publisher, namespace)).then().statusCode(201);
        Envelope release = Signed.release(publisher, server, "1.0.0", "Forecasts.");
        post("/v1/releases", release).then().statusCode(201);
        SigningKey assessor = KeyPairs.generate();
        post("/v1/keys/bind", Signed.binding(assessor, "assessor:" + namespace)).then().statusCode(201);
        post("/v1/reviews", Signed.review(assessor, release, Review.Result.FAILED)).then().statusCode(201);
        assertTrue(badge(server + ".svg").contains("review failed"));
    }

    @Test
    void etagAnswersNotModified() {
        post("/v1/keys/bind", Signed.binding(publisher, namespace)).then().statusCode(201);
        post("/v1/releases", Signed.release(publisher, server, "1.0.0", "x")).then().statusCode(201);
        String etag = given().get("/v1/badges/" + server + ".svg").then().statusCode(200).extract().header("ETag");
        given().header("If-None-Match", etag).get("/v1/badges/" + server + ".svg").then().statusCode(304);
    }

    @Test
    void unknownServersGetANotFoundBadge() {
        given().get("/v1/badges/" + namespace + "/nothing.svg").then().statusCode(404).contentType("image/svg+xml")
                .body(containsString("not found"));
    }

    @Test
    void textIsEscaped() {
        String svg = new Badge("a<b", "x&\"y'<script>", "#4c1").svg();
        assertFalse(svg.contains("<script>"));
        assertTrue(svg.contains("x&amp;&quot;y&#39;&lt;script&gt;"));
        assertTrue(svg.contains("a&lt;b"));
    }

    @Test
    void longTextIsShortened() {
        String svg = new Badge("toolseal", "x".repeat(500), "#4c1").svg();
        assertFalse(svg.contains("x".repeat(100)));
    }
}
