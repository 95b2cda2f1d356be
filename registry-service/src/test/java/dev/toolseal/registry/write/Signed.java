package dev.toolseal.registry.write;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.attest.Attestations;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.Finding;
import dev.toolseal.verifier.attest.KeyBinding;
import dev.toolseal.verifier.attest.KeyRevocation;
import dev.toolseal.verifier.attest.KeyRotation;
import dev.toolseal.verifier.attest.Ownership;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.ReleaseName;
import dev.toolseal.verifier.attest.ReleaseYank;
import dev.toolseal.verifier.attest.Review;
import dev.toolseal.verifier.attest.Statement;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.manifest.ManifestFormat;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Real signed envelopes for registry tests, and posting them. */
public final class Signed {

    public static final ObjectMapper JSON = new ObjectMapper();
    private static final AtomicInteger NAMES = new AtomicInteger();

    private Signed() {
    }

    /** A namespace no other test uses. */
    public static String freshNamespace() {
        return "io.test.ns" + NAMES.incrementAndGet() + "-" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    /** The canonical manifest document of a small server with one tool described as {@code description}. */
    public static ObjectNode manifest(String server, String version, String description) {
        ObjectNode doc = JSON.createObjectNode();
        doc.put("manifestVersion", "toolseal.dev/manifest/v1");
        doc.putObject("server").put("name", server).put("version", version);
        doc.putObject("clientCapabilities");
        ObjectNode init = doc.putObject("initialize");
        init.put("protocolVersion", "2025-06-18");
        init.putObject("capabilities").putObject("tools");
        init.putObject("serverInfo").put("name", "weather").put("title", "Weather for " + server).put("version", version);
        ObjectNode tool = doc.putArray("tools").addObject();
        tool.put("name", "forecast").put("description", description);
        tool.putObject("inputSchema").put("type", "object");
        doc.putArray("prompts");
        doc.putArray("resources");
        doc.putArray("resourceTemplates");
        try {
            return (ObjectNode) JSON.readTree(ManifestFormat.format(new ManifestFormat().parse(JSON.writeValueAsBytes(doc))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The canonical manifest document of the same server recorded from a modern-era server (MCP
     * 2026-07-28): a v2 document with a discover result with {@code instructions} and the identity from
     * the results' {@code _meta}.
     */
    public static ObjectNode modernManifest(String server, String version, String description, String instructions) {
        ObjectNode doc = manifest(server, version, description);
        doc.put("manifestVersion", "toolseal.dev/manifest/v2");
        doc.put("era", "modern");
        ObjectNode init = (ObjectNode) doc.remove("initialize");
        doc.put("protocolVersion", "2026-07-28");
        doc.set("serverInfo", init.get("serverInfo"));
        ObjectNode discover = doc.putObject("discover");
        discover.putArray("supportedVersions").add("2026-07-28");
        discover.set("capabilities", init.get("capabilities"));
        discover.put("instructions", instructions);
        try {
            return (ObjectNode) JSON.readTree(ManifestFormat.format(new ManifestFormat().parse(JSON.writeValueAsBytes(doc))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Envelope release(SigningKey signer, String server, String version, String description) {
        return sign(new Release(new ReleaseName(server, version), manifest(server, version, description)).toStatement(),
                signer);
    }

    /** A binding carrying a fresh challenge from the running registry. */
    public static Envelope binding(SigningKey key, String namespace) {
        return binding(key, namespace, Optional.of(challenge()));
    }

    public static Envelope binding(SigningKey key, String namespace, Optional<String> nonce) {
        return sign(new KeyBinding(namespace, key.verificationKey(), nonce).toStatement(), key);
    }

    /** A binding carrying a fresh challenge and the ownership proof {@code proof}. */
    public static Envelope binding(SigningKey key, String namespace, Ownership proof) {
        return sign(new KeyBinding(namespace, key.verificationKey(), Optional.of(challenge()), Optional.of(proof))
                .toStatement(), key);
    }

    /** A binding whose nonce comes from the registry at {@code base}, asked over plain HTTP. */
    public static Envelope binding(SigningKey key, String namespace, HttpClient http, URI base)
            throws IOException, InterruptedException {
        return binding(key, namespace, Optional.of(challenge(http, base)));
    }

    /** A nonce from POST /v1/keys/challenge of the registry at {@code base}, over plain HTTP. */
    public static String challenge(HttpClient http, URI base) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(base.resolve("/v1/keys/challenge"))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IOException("asking for a key challenge: HTTP " + r.statusCode());
        }
        return JSON.readTree(r.body()).get("nonce").asText();
    }

    /** A nonce from POST /v1/keys/challenge. */
    public static String challenge() {
        return given().when().post("/v1/keys/challenge").then().statusCode(200).extract().jsonPath()
                .getString("nonce");
    }

    public static Envelope rotation(SigningKey old, SigningKey next, String namespace) {
        return Attestations.sign(new KeyRotation(namespace, old.keyId(), next.verificationKey()).toStatement(),
                List.of(old, next));
    }

    public static Envelope revocation(SigningKey signer, String namespace, SigningKey revoked) {
        return revocation(signer, namespace, revoked, KeyRevocation.Reason.COMPROMISED);
    }

    public static Envelope revocation(SigningKey signer, String namespace, SigningKey revoked,
            KeyRevocation.Reason reason) {
        return sign(new KeyRevocation(namespace, revoked.keyId(), reason, "lost").toStatement(), signer);
    }

    public static Envelope review(SigningKey assessor, Envelope release, Review.Result result) {
        Release r = releaseOf(release);
        List<Finding> findings = result == Review.Result.FAILED
                ? List.of(new Finding(Finding.Severity.HIGH, "/tools/0/description", "hidden instructions"))
                : List.of(new Finding(Finding.Severity.INFO, "", "looked fine"));
        return sign(new Review(r.subject(), "https://assessor.example/" + assessor.keyId().hex().substring(0, 8),
                Instant.parse("2026-11-01T10:00:00Z"), "mcp://" + r.name().serverName(), "https://toolseal.dev/policy/v1",
                Optional.empty(), result, List.of("TOOLSEAL_L1"), findings).toStatement(), assessor);
    }

    public static Envelope yank(SigningKey signer, Envelope release) {
        Release r = releaseOf(release);
        return sign(new ReleaseYank(r.name(), r.manifestDigest(), "broken").toStatement(), signer);
    }

    public static Release releaseOf(Envelope release) {
        try {
            return Release.fromStatement(Statement.parse(release.payload()));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public static Envelope sign(Statement statement, SigningKey key) {
        return Attestations.sign(statement, List.of(key));
    }

    /** POSTs the envelope's JSON to {@code path}. */
    public static Response post(String path, Envelope envelope) {
        return post(path, envelope.toJson());
    }

    public static Response post(String path, byte[] body) {
        return given().contentType("application/json").body(body).when().post(path);
    }
}
