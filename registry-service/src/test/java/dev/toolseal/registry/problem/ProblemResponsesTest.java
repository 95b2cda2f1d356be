package dev.toolseal.registry.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemResponsesTest {

    static final String SECRET = "s3cr3t-internal-detail";

    @TestHTTPResource("/")
    URI base;

    @Test
    void unknownPathIsNotFound() {
        problem(given().when().get("/no/such/path").then(), 404, "not-found")
                .body("instance", equalTo("/no/such/path"));
    }

    @Test
    void wrongMethodIsNotAllowed() {
        problem(given().when().delete("/log/key").then(), 405, "method-not-allowed");
    }

    @Test
    void malformedJsonIsBadRequest() {
        problem(given().contentType("application/json").body("{\"value\": ").when().post("/test-probe/echo").then(),
                400, "malformed-json");
    }

    @Test
    void jsonOfTheWrongShapeIsBadRequest() {
        problem(given().contentType("application/json").body("{\"value\": \"not a number\"}")
                .when().post("/test-probe/echo").then(), 400, "malformed-json");
    }

    @Test
    void wellFormedJsonPasses() {
        given().contentType("application/json").body("{\"value\": 7}").when().post("/test-probe/echo").then()
                .statusCode(200).body("value", equalTo(7));
    }

    @Test
    void oversizedBodyIsTooLarge() {
        byte[] body = new byte[1024 * 1024 + 1];
        problem(given().contentType("application/json").body(body).when().post("/test-probe/echo").then(),
                413, "payload-too-large");
    }

    @Test
    void unsupportedMediaType() {
        problem(given().contentType("text/plain").body("x").when().post("/test-probe/echo").then(),
                415, "unsupported-media-type");
    }

    @Test
    void bodyWithoutContentTypeIsUnsupported() throws Exception {
        // the JDK client, because RestAssured adds a content type to every body
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/test-probe/echo"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"value\": 7}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(415, r.statusCode());
        assertEquals("https://toolseal.dev/problems/unsupported-media-type",
                new ObjectMapper().readTree(r.body()).path("type").asText());
    }

    @Test
    void explicitProblemKeepsItsType() {
        problem(given().when().get("/test-probe/conflict").then(), 409, "conflict");
    }

    @Test
    void internalErrorsLeakNoDetails() {
        problem(given().when().get("/test-probe/boom").then(), 500, "internal-error")
                .body(not(containsString(SECRET)))
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("dev.toolseal")));
    }

    private static ValidatableResponse problem(ValidatableResponse response, int status, String slug) {
        return response.statusCode(status)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo(ProblemType.BASE + slug))
                .body("status", equalTo(status));
    }
}
