package dev.toolseal.registry.write;

import static dev.toolseal.registry.write.Signed.post;
import static dev.toolseal.registry.write.WriteApiTest.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.registry.log.LogEngine;
import dev.toolseal.registry.problem.ProblemType;
import dev.toolseal.tlog.Hash;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.ReleaseName;
import dev.toolseal.verifier.attest.Statement;
import dev.toolseal.verifier.attest.Subject;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every kind of bad input gets its problem type and leaves every registry table and the log unchanged. */
@QuarkusTest
class BadInputTest {

    @Inject
    DataSource dataSource;

    @Inject
    LogEngine engine;

    private final SigningKey publisher = KeyPairs.generate();
    private final String namespace = Signed.freshNamespace();
    private final String server = namespace + "/weather";

    @BeforeEach
    void bindPublisher() {
        post("/v1/keys/bind", Signed.binding(publisher, namespace)).then().statusCode(201);
    }

    private void refused(int status, ProblemType type, Supplier<Response> request) throws Exception {
        RegistrySnapshot before = RegistrySnapshot.take(dataSource, engine);
        assertProblem(request.get(), status, type);
        assertEquals(before, RegistrySnapshot.take(dataSource, engine), type.toString());
    }

    @Test
    void notJson() throws Exception {
        refused(400, ProblemType.MALFORMED_JSON, () -> post("/v1/releases", "{\"payload\":".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void badBase64() throws Exception {
        String body = "{\"payload\":\"not base64!\",\"payloadType\":\"application/vnd.in-toto+json\","
                + "\"signatures\":[{\"keyid\":\"" + publisher.keyId().hex() + "\",\"sig\":\"AAAA\"}]}";
        refused(400, ProblemType.BAD_BASE64, () -> post("/v1/releases", body.getBytes(StandardCharsets.UTF_8)));
        refused(400, ProblemType.BAD_BASE64, () -> post("/v1/keys/bind", body.replace("not base64!", "AAA")
                .getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void notAnEnvelope() throws Exception {
        refused(400, ProblemType.MALFORMED_ENVELOPE, () -> post("/v1/releases", "{\"foo\":1}".getBytes(StandardCharsets.UTF_8)));
        refused(400, ProblemType.MALFORMED_ENVELOPE, () -> post("/v1/reviews", "[1,2]".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void wrongPayloadType() throws Exception {
        Envelope plain = Envelope.sign("text/plain", "hello".getBytes(StandardCharsets.UTF_8), List.of(publisher));
        refused(422, ProblemType.WRONG_PAYLOAD_TYPE, () -> post("/v1/releases", plain));
    }

    @Test
    void wrongPredicateType() throws Exception {
        Envelope release = Signed.release(publisher, server, "1.0.0", "x");
        refused(422, ProblemType.WRONG_PREDICATE_TYPE, () -> post("/v1/reviews", release));
        refused(422, ProblemType.WRONG_PREDICATE_TYPE, () -> post("/v1/keys/bind", release));
    }

    @Test
    void notAStatement() throws Exception {
        Envelope garbage = Envelope.sign(Statement.PAYLOAD_TYPE, "{\"_type\":1}".getBytes(StandardCharsets.UTF_8),
                List.of(publisher));
        refused(422, ProblemType.INVALID_STATEMENT, () -> post("/v1/releases", garbage));
        refused(422, ProblemType.INVALID_STATEMENT, () -> post("/v1/keys/bind",
                Signed.binding(KeyPairs.generate(), "bad namespace!")));
        refused(422, ProblemType.INVALID_STATEMENT, () -> post("/v1/releases",
                Signed.release(publisher, "no-slash-server", "1.0.0", "x")));
    }

    @Test
    void notAManifest() throws Exception {
        ObjectNode notManifest = Signed.JSON.createObjectNode().put("tools", "none");
        Envelope release = Signed.sign(new Release(new ReleaseName(server, "1.0.0"), notManifest).toStatement(), publisher);
        refused(422, ProblemType.INVALID_MANIFEST, () -> post("/v1/releases", release));
        ObjectNode otherServer = Signed.manifest(namespace + "/other", "1.0.0", "x");
        Envelope mislabelled = Signed.sign(new Release(new ReleaseName(server, "1.0.0"), otherServer).toStatement(),
                publisher);
        refused(422, ProblemType.INVALID_MANIFEST, () -> post("/v1/releases", mislabelled));
    }

    @Test
    void subjectDigestIsNotTheManifestDigest() throws Exception {
        ObjectNode manifest = Signed.manifest(server, "1.0.0", "x");
        Statement lying = Statement.of(new Subject(server + "@1.0.0", Hash.of(new byte[32])), Release.PREDICATE_TYPE,
                manifest);
        refused(422, ProblemType.DIGEST_MISMATCH, () -> post("/v1/releases", Signed.sign(lying, publisher)));
    }

    @Test
    void tamperedSignature() throws Exception {
        Envelope good = Signed.release(publisher, server, "1.0.0", "x");
        byte[] sig = good.signatures().get(0).sig();
        sig[0] ^= 1;
        String body = new String(good.toJson(), StandardCharsets.UTF_8)
                .replace(Base64.getEncoder().encodeToString(good.signatures().get(0).sig()),
                        Base64.getEncoder().encodeToString(sig));
        refused(403, ProblemType.BAD_SIGNATURE, () -> post("/v1/releases", body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void oversizedBody() throws Exception {
        byte[] body = new byte[1024 * 1024 + 1];
        Arrays.fill(body, (byte) ' ');
        refused(413, ProblemType.PAYLOAD_TOO_LARGE, () -> post("/v1/releases", body));
    }

    @Test
    void otherMediaType() throws Exception {
        refused(415, ProblemType.UNSUPPORTED_MEDIA_TYPE, () -> given().contentType("text/plain")
                .body(Signed.release(publisher, server, "1.0.0", "x").toJson()).post("/v1/releases"));
    }

    @Test
    void rejectionsAreCountedByReason() throws Exception {
        post("/v1/releases", "{".getBytes(StandardCharsets.UTF_8));
        given().get("/q/metrics").then().statusCode(200)
                .body(containsString("toolseal_writes_rejected_total{kind=\"release\",reason=\"malformed-json\"}"))
                .body(containsString("toolseal_writes_accepted_total{kind=\"key-binding\"}"));
    }
}
