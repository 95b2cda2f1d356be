package dev.toolseal.registry.mcp;

import static dev.toolseal.registry.write.Signed.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.toolseal.registry.write.Signed;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.Review;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** The /v0 read API in the official MCP registry's shape, with ToolSeal's signing status in _meta. */
@QuarkusTest
class OfficialRegistryApiTest {

    private static final String SIGNING = "_meta.'dev.toolseal/signing'";
    private static final String OFFICIAL = "_meta.'io.modelcontextprotocol.registry/official'";

    @Test
    void serversAreListedInTheOfficialShape() {
        SigningKey publisher = KeyPairs.generate();
        SigningKey assessor = KeyPairs.generate();
        String namespace = Signed.freshNamespace();
        String server = namespace + "/weather";
        post("/v1/keys/bind", Signed.binding(publisher, namespace)).then().statusCode(201);
        post("/v1/keys/bind", Signed.binding(assessor, "assessor:" + namespace)).then().statusCode(201);
        Envelope release = Signed.release(publisher, server, "1.0.0", "Forecasts.");
        post("/v1/releases", release).then().statusCode(201);
        post("/v1/releases", Signed.release(publisher, server, "1.1.0", "Forecasts!")).then().statusCode(201);
        post("/v1/reviews", Signed.review(assessor, release, Review.Result.PASSED)).then().statusCode(201);

        given().queryParam("search", namespace).get("/v0/servers").then().statusCode(200)
                .body("servers.size()", equalTo(1))
                .body("servers[0].server.name", equalTo(server))
                .body("servers[0].server.version", equalTo("1.1.0"))
                .body("servers[0].server.'$schema'", equalTo(OfficialShape.SCHEMA))
                .body("servers[0]." + OFFICIAL + ".isLatest", equalTo(true))
                .body("servers[0]." + SIGNING + ".signed", equalTo(true))
                .body("servers[0]." + SIGNING + ".keyId", equalTo(publisher.keyId().hex()))
                .body("metadata.count", equalTo(1));
        given().get("/v0/servers/" + server + "/versions/1.0.0").then().statusCode(200)
                .body("server.version", equalTo("1.0.0"))
                .body(OFFICIAL + ".isLatest", equalTo(false))
                .body(SIGNING + ".reviews[0].result", equalTo("PASSED"))
                .body(SIGNING + ".manifestDigest", equalTo(Signed.releaseOf(release).manifestDigest().hex()));
        given().get("/v0/servers/" + server).then().statusCode(200).body("server.version", equalTo("1.1.0"));
        given().get("/v0/servers/" + server + "/versions").then().statusCode(200)
                .body("servers.size()", equalTo(2)).body("servers[0]." + OFFICIAL + ".isLatest", equalTo(true));
        given().get("/v0/servers/" + namespace + "/nothing").then().statusCode(404)
                .contentType("application/problem+json");
    }
}
