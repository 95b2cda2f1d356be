package dev.toolseal.registry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.registry.write.Signed;
import dev.toolseal.verifier.keys.PemKeys;
import dev.toolseal.verifier.keys.SigningKey;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code toolseal verify --registry} trusts (docs/design/roots-of-trust.md, section 4): the
 * key events of the namespace of each trusted assessor that reviewed the release are fetched, so
 * a revoked assessor key's review stops counting; and without a pinned publisher key or required
 * reviews the command says on stderr what it is trusting instead. server-memory from npm, signed,
 * published and reviewed through the real CLI against this registry.
 */
@QuarkusTest
class CliTrustTest {
    private static final String VERSION = "2026.12.7";

    @TestHTTPResource("/")
    URL url;

    @TempDir
    Path dir;

    private String logKey;
    private String namespace;
    private String server;

    private String registry() {
        return Cli.registry(url);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @BeforeEach
    void publishAndReview() {
        logKey = Cli.logKey();
        namespace = Signed.freshNamespace();
        server = namespace + "/memory";
        Cli.run("keygen", "--out", file("publisher")).expect(0);
        Cli.run("keygen", "--out", file("assessor")).expect(0);
        Cli.run("bind", "--registry", registry(), "--key", file("publisher.key"), "--namespace", namespace)
                .expect(0);
        Cli.run("bind", "--registry", registry(), "--key", file("assessor.key"), "--namespace",
                "assessor:" + namespace).expect(0);
        Cli.run("snapshot", "--name", server, "--version", VERSION, "--out", file("memory.json"), "--", "node",
                Cli.memoryServer()).expect(0);
        Cli.run("publish", "--registry", registry(), "--key", file("publisher.key"), "--manifest",
                file("memory.json"), "--out", file("release.json"), "--log-key", logKey).expect(0);
        Cli.run("review", "--key", file("assessor.key"), "--release", file("release.json"), "--verdict", "PASSED",
                "--out", file("review.json"), "--publish", registry()).expect(0);
    }

    private Cli verify(String... more) {
        List<String> args = new ArrayList<>(List.of("verify", "--registry", registry(), "--name", server,
                "--version", VERSION, "--log-key", logKey, "--accept-unproven-namespaces", "--checkpoints",
                file("checkpoints")));
        args.addAll(List.of(more));
        args.addAll(List.of("--", "node", Cli.memoryServer()));
        return Cli.run(args.toArray(String[]::new));
    }

    @Test
    void aReviewByARevokedAssessorKeyDoesNotCount() throws Exception {
        String[] reviewed = {"--require-reviews", "1", "--assessor-key", file("assessor.pub"), "--output", "json"};
        assertEquals("ACCEPTED", verify(reviewed).expect(0).json().get("status").asText());

        SigningKey assessor = PemKeys.readPrivateKey(dir.resolve("assessor.key"));
        Signed.post("/v1/keys/revoke", Signed.revocation(assessor, "assessor:" + namespace, assessor)).then()
                .statusCode(201);

        JsonNode refused = verify(reviewed).expect(3).json();
        assertEquals("REJECTED", refused.get("status").asText());
        // the verdict names the revoked assessor key among its reasons
        assertTrue(refused.get("reasons").toString().contains(assessor.keyId().hex()), refused.toString());
    }

    @Test
    void registryModeSaysWhatItTrusts() throws Exception {
        String publisherKey = PemKeys.readPublicKey(dir.resolve("publisher.pub")).keyId().hex();
        String origin = logKey.substring(0, logKey.indexOf('+'));
        Cli run = verify().expect(0);
        for (String fact : List.of(origin, namespace, publisherKey, "unproven", dir.resolve("checkpoints").toString())) {
            assertTrue(run.err().contains(fact), () -> fact + " missing from stderr:\n" + run.err());
        }
        // the log key itself, not just its name
        assertTrue(run.err().contains(logKey), run.err());

        // a pinned publisher key or a required review is a trust the user chose: no summary
        Cli pinned = Cli.run("verify", "--registry", registry(), "--name", server, "--version", VERSION,
                "--log-key", logKey, "--publisher-key", file("publisher.pub"), "--checkpoints", file("checkpoints"),
                "--", "node", Cli.memoryServer()).expect(0);
        assertFalse(pinned.err().contains(publisherKey), pinned.err());
        Cli reviewed = verify("--require-reviews", "1", "--assessor-key", file("assessor.pub")).expect(0);
        assertFalse(reviewed.err().contains(publisherKey), reviewed.err());
    }
}
