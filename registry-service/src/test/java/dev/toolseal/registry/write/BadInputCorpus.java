package dev.toolseal.registry.write;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.verifier.attest.Envelope;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.Statement;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;

/**
 * A generated corpus of malformed and hostile requests, none of which the registry may accept:
 * truncated and garbled JSON, wrong types, huge fields, bad base64, wrong payload types, unknown
 * fields, signatures by unknown, foreign and revoked keys, replays, path traversal and Unicode
 * tricks in names, oversized bodies, wrong content types, wrong methods and bad query parameters.
 *
 * <p>Used by {@link BadInputCorpusTest} (in-process) and by the reliability suite (against a
 * packaged registry process). Each case must get a 4xx {@code application/problem+json} answer
 * with a {@code type}; the caller checks that nothing was stored. Requests go over the JDK HTTP
 * client so both callers share the code.
 */
public final class BadInputCorpus {

    /** One request. A null content type sends none. */
    public record Case(String name, String method, String path, String contentType, byte[] body) {
    }

    /** What the registry answered to one case. */
    public record Outcome(Case request, int status, String contentType, String type) {
        /** A 4xx problem response with a type. */
        public boolean refusedProperly() {
            return status >= 400 && status < 500 && contentType != null
                    && contentType.startsWith("application/problem+json") && type != null && !type.isEmpty();
        }

        @Override
        public String toString() {
            return request.name() + " -> " + status + " " + contentType + " " + type;
        }
    }

    private static final List<String> WRITE_PATHS = List.of("/v1/keys/bind", "/v1/keys/rotate", "/v1/keys/revoke",
            "/v1/releases", "/v1/reviews", "/v1/yanks");

    private final HttpClient http;
    private final URI base;
    private final Random random = new Random(20261125L);
    private final List<Case> cases = new ArrayList<>();

    private final SigningKey publisher = KeyPairs.generate();
    private final SigningKey revoked = KeyPairs.generate();
    private final SigningKey stranger = KeyPairs.generate();
    private final String namespace = Signed.freshNamespace();
    private final String revokedNamespace = Signed.freshNamespace();
    private final String server = namespace + "/weather";
    private Envelope publisherBinding;
    private Envelope revocation;
    private Envelope accepted;
    private int versions;

    private BadInputCorpus(HttpClient http, URI base) {
        this.http = http;
        this.base = base;
    }

    /**
     * Sets up through the API what the corpus needs (a bound publisher with one release, a bound
     * and then revoked key) and generates the cases. Take the "before" snapshot after this.
     */
    public static BadInputCorpus prepare(HttpClient http, URI base) throws Exception {
        BadInputCorpus corpus = new BadInputCorpus(http, base);
        corpus.setUp();
        corpus.generate();
        return corpus;
    }

    public List<Case> cases() {
        return List.copyOf(cases);
    }

    /** Sends every case, one after another. */
    public List<Outcome> run() throws Exception {
        List<Outcome> outcomes = new ArrayList<>();
        for (Case c : cases) {
            outcomes.add(send(c));
        }
        return outcomes;
    }

    private void setUp() throws Exception {
        publisherBinding = binding(publisher, namespace);
        expect(201, "/v1/keys/bind", publisherBinding);
        expect(201, "/v1/keys/bind", binding(revoked, revokedNamespace));
        revocation = Signed.revocation(revoked, revokedNamespace, revoked);
        expect(201, "/v1/keys/revoke", revocation);
        accepted = Signed.release(publisher, server, "1.0.0", "accepted");
        expect(201, "/v1/releases", accepted);
    }

    /** A binding with a fresh nonce from the registry under test. */
    private Envelope binding(SigningKey key, String ns) throws IOException, InterruptedException {
        return Signed.binding(key, ns, http, base);
    }

    private void expect(int status, String path, Envelope envelope) throws Exception {
        Outcome o = send(new Case("setup " + path, "POST", path, "application/json", envelope.toJson()));
        if (o.status() != status) {
            throw new IllegalStateException("setup: " + o);
        }
    }

    private void generate() throws Exception {
        truncatedAndGarbled();
        wrongTypesAndHugeFields();
        badBase64();
        wrongPayloadTypes();
        unknownFields();
        wrongKeys();
        replays();
        hostileNames();
        oversizedAndWrongMedia();
        badQueries();
    }

    /** A fresh release of the publisher's server; never posted as is. */
    private Envelope fresh(SigningKey signer) {
        return Signed.release(signer, server, "9." + (++versions) + ".0", "fresh " + versions);
    }

    private void post(String name, String path, byte[] body) {
        cases.add(new Case(name, "POST", path, "application/json", body));
    }

    private void get(String name, String path) {
        cases.add(new Case(name, "GET", path, null, null));
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private void truncatedAndGarbled() {
        // signed by a key the registry does not know, so that no mutation can become acceptable
        byte[] json = fresh(stranger).toJson();
        for (int k = 1; k <= 40; k++) {
            post("truncated at " + k + "/41", "/v1/releases", Arrays.copyOf(json, json.length * k / 41));
        }
        byte[] junk = {'"', '{', 0, '\\', (byte) 0xff, '}', ',', ':'};
        for (int k = 0; k < 30; k++) {
            byte[] garbled = json.clone();
            garbled[json.length * (2 * k + 1) / 60] = junk[k % junk.length];
            post("garbled byte " + k, WRITE_PATHS.get(k % WRITE_PATHS.size()), garbled);
        }
        post("empty body", "/v1/releases", new byte[0]);
        post("json null", "/v1/releases", utf8("null"));
        post("json number", "/v1/keys/bind", utf8("42"));
        post("json string", "/v1/reviews", utf8("\"envelope\""));
        post("invalid utf-8", "/v1/releases", new byte[] {'{', '"', (byte) 0xc3, (byte) 0x28, '"', ':', '1', '}'});
    }

    private void wrongTypesAndHugeFields() throws Exception {
        ObjectNode envelope = (ObjectNode) Signed.JSON.readTree(fresh(stranger).toJson());
        List<JsonNode> wrong = List.of(Signed.JSON.getNodeFactory().numberNode(42),
                Signed.JSON.getNodeFactory().booleanNode(true), Signed.JSON.getNodeFactory().nullNode(),
                Signed.JSON.createArrayNode(), Signed.JSON.createObjectNode());
        for (String field : List.of("payload", "payloadType", "signatures", "keyid", "sig")) {
            for (JsonNode value : wrong) {
                ObjectNode copy = envelope.deepCopy();
                if (field.equals("keyid") || field.equals("sig")) {
                    ((ObjectNode) copy.withArray("signatures").get(0)).set(field, value);
                } else {
                    copy.set(field, value);
                }
                post("wrong type " + field + "=" + value.getNodeType(), "/v1/releases", Signed.JSON.writeValueAsBytes(copy));
            }
        }
        byte[] big = new byte[600_000];
        random.nextBytes(big);
        post("huge payload", "/v1/releases", withField(envelope, "payload", Base64.getEncoder().encodeToString(big)));
        post("huge keyid", "/v1/releases", withSignatureField(envelope, "keyid", "a".repeat(200_000)));
        post("huge sig", "/v1/releases", withSignatureField(envelope, "sig",
                Base64.getEncoder().encodeToString(Arrays.copyOf(big, 300_000))));
        post("huge payloadType", "/v1/releases", withField(envelope, "payloadType", "x".repeat(100_000)));
        ObjectNode many = envelope.deepCopy();
        for (int i = 0; i < 1000; i++) {
            many.withArray("signatures").add(envelope.get("signatures").get(0).deepCopy());
        }
        post("1001 signatures", "/v1/releases", Signed.JSON.writeValueAsBytes(many));
        post("deep nesting", "/v1/releases", utf8("[".repeat(100_000) + "]".repeat(100_000)));
        post("deep object nesting", "/v1/keys/bind", utf8("{\"a\":".repeat(20_000) + "1" + "}".repeat(20_000)));
        post("100k digit number", "/v1/releases", utf8("{\"payload\":" + "9".repeat(100_000) + "}"));
        post("huge unknown string", "/v1/releases", withField(envelope, "zzz", "z".repeat(500_000)));
    }

    private static byte[] withField(ObjectNode envelope, String field, String value) throws Exception {
        ObjectNode copy = envelope.deepCopy();
        copy.put(field, value);
        return Signed.JSON.writeValueAsBytes(copy);
    }

    private static byte[] withSignatureField(ObjectNode envelope, String field, String value) throws Exception {
        ObjectNode copy = envelope.deepCopy();
        ((ObjectNode) copy.withArray("signatures").get(0)).put(field, value);
        return Signed.JSON.writeValueAsBytes(copy);
    }

    private void badBase64() throws Exception {
        // signed by the real publisher: a lenient decoder would make these acceptable
        ObjectNode envelope = (ObjectNode) Signed.JSON.readTree(fresh(publisher).toJson());
        String payload = envelope.get("payload").asText();
        String sig = envelope.get("signatures").get(0).get("sig").asText();
        List<String> bad = List.of("not base64!", "AAA", "AA==AA", "-_-_", "AA AA", "AB==", "A", "====");
        for (String b : bad) {
            post("bad base64 payload '" + b + "'", "/v1/releases", withField(envelope, "payload", b));
            post("bad base64 sig '" + b + "'", "/v1/releases", withSignatureField(envelope, "sig", b));
        }
        // an Ed25519 signature is 64 bytes: its base64 always ends in "==", and nearly always has + or /
        String urlSafe = sig.replace('+', '-').replace('/', '_');
        post("url-safe sig", "/v1/releases", withSignatureField(envelope, "sig",
                urlSafe.equals(sig) ? "-" + sig.substring(1) : urlSafe));
        post("unpadded sig", "/v1/releases", withSignatureField(envelope, "sig", sig.replace("=", "")));
        post("url-safe character in payload", "/v1/releases", withField(envelope, "payload", "_" + payload.substring(1)));
        post("payload with newline", "/v1/releases", withField(envelope, "payload",
                payload.substring(0, 40) + "\n" + payload.substring(40)));
        post("sig with trailing space", "/v1/releases", withSignatureField(envelope, "sig", sig + " "));
    }

    private void wrongPayloadTypes() throws Exception {
        List<String> types = List.of("text/plain", "application/json", "application/vnd.in-toto+json ",
                "APPLICATION/VND.IN-TOTO+JSON", "application/vnd.in-toto+json; charset=utf-8",
                "application/vnd.in-toto+js\u043en", "application/vnd.in-toto+json\u200b", "application/vnd.dsse+json",
                "application/vnd.in-toto.statement+json", "x");
        for (String type : types) {
            Envelope statement = fresh(publisher);
            try {
                post("payloadType '" + type + "'", "/v1/releases",
                        Envelope.sign(type, statement.payload(), List.of(publisher)).toJson());
            } catch (RuntimeException e) {
                // the library refuses to sign it: send the envelope with the type swapped instead
                post("payloadType swapped '" + type + "'", "/v1/releases",
                        withField((ObjectNode) Signed.JSON.readTree(statement.toJson()), "payloadType", type));
            }
        }
    }

    private void unknownFields() throws Exception {
        for (int k = 0; k < 4; k++) {
            ObjectNode env = (ObjectNode) Signed.JSON.readTree(fresh(publisher).toJson());
            env.put("unexpected" + k, k);
            post("unknown envelope field " + k, "/v1/releases", Signed.JSON.writeValueAsBytes(env));
        }
        for (int k = 0; k < 3; k++) {
            ObjectNode env = (ObjectNode) Signed.JSON.readTree(fresh(publisher).toJson());
            ((ObjectNode) env.withArray("signatures").get(0)).put("cert" + k, "x");
            post("unknown signature field " + k, "/v1/releases", Signed.JSON.writeValueAsBytes(env));
        }
        ObjectNode env = (ObjectNode) Signed.JSON.readTree(fresh(publisher).toJson());
        env.set("payload", env.get("payload"));
        String text = Signed.JSON.writeValueAsString(env);
        post("duplicate payload key", "/v1/releases",
                utf8(text.replaceFirst("\\{", "{\"payload\":\"e30=\",")));
        post("duplicate signatures key", "/v1/releases",
                utf8(text.replaceFirst("\\{", "{\"signatures\":[],")));
    }

    private void wrongKeys() throws Exception {
        for (int k = 0; k < 3; k++) {
            post("release signed by an unknown key " + k, "/v1/releases", fresh(stranger).toJson());
            post("release signed by a revoked key " + k, "/v1/releases", fresh(revoked).toJson());
            post("release in the revoked key's namespace " + k, "/v1/releases",
                    Signed.release(revoked, revokedNamespace + "/x", "1." + k, "x").toJson());
            post("release of another namespace by the publisher " + k, "/v1/releases",
                    Signed.release(publisher, Signed.freshNamespace() + "/x", "1." + k, "x").toJson());
        }
        post("review by a publisher key", "/v1/reviews",
                Signed.review(publisher, accepted, dev.toolseal.verifier.attest.Review.Result.PASSED).toJson());
        post("review by an unknown key", "/v1/reviews",
                Signed.review(stranger, accepted, dev.toolseal.verifier.attest.Review.Result.FAILED).toJson());
        post("review by a revoked key", "/v1/reviews",
                Signed.review(revoked, accepted, dev.toolseal.verifier.attest.Review.Result.PASSED).toJson());
        post("yank by an unknown key", "/v1/yanks", Signed.yank(stranger, accepted).toJson());
        post("yank by a revoked key", "/v1/yanks", Signed.yank(revoked, accepted).toJson());
        post("rotation signed by the new key only", "/v1/keys/rotate",
                Signed.sign(new dev.toolseal.verifier.attest.KeyRotation(namespace, publisher.keyId(),
                        stranger.verificationKey()).toStatement(), stranger).toJson());
        post("rotation signed by the old key only", "/v1/keys/rotate",
                Signed.sign(new dev.toolseal.verifier.attest.KeyRotation(namespace, publisher.keyId(),
                        stranger.verificationKey()).toStatement(), publisher).toJson());
        post("rotation to a revoked key", "/v1/keys/rotate", Signed.rotation(publisher, revoked, namespace).toJson());
        post("revocation of the publisher by a stranger", "/v1/keys/revoke",
                Signed.revocation(stranger, namespace, publisher).toJson());
        post("binding a taken namespace", "/v1/keys/bind", binding(stranger, namespace).toJson());
        post("binding a revoked key", "/v1/keys/bind", binding(revoked, Signed.freshNamespace()).toJson());
        post("binding the publisher key twice", "/v1/keys/bind",
                binding(publisher, Signed.freshNamespace()).toJson());
        ObjectNode none = (ObjectNode) Signed.JSON.readTree(fresh(publisher).toJson());
        none.putArray("signatures");
        post("no signatures", "/v1/releases", Signed.JSON.writeValueAsBytes(none));
        Envelope twice = Envelope.sign(Statement.PAYLOAD_TYPE, fresh(stranger).payload(), List.of(stranger, revoked));
        post("two wrong signatures", "/v1/releases", twice.toJson());
        ObjectNode swapped = (ObjectNode) Signed.JSON.readTree(fresh(stranger).toJson());
        ((ObjectNode) swapped.withArray("signatures").get(0)).put("keyid", publisher.keyId().hex());
        post("stranger signature under the publisher's key id", "/v1/releases", Signed.JSON.writeValueAsBytes(swapped));
    }

    private void replays() {
        post("replayed binding", "/v1/keys/bind", publisherBinding.toJson());
        post("replayed revocation", "/v1/keys/revoke", revocation.toJson());
        post("release posted as a review", "/v1/reviews", accepted.toJson());
        post("release posted as a yank", "/v1/yanks", accepted.toJson());
        post("release posted as a binding", "/v1/keys/bind", accepted.toJson());
        post("binding posted as a release", "/v1/releases", publisherBinding.toJson());
        post("revocation posted as a rotation", "/v1/keys/rotate", revocation.toJson());
        post("other content under the accepted version by a stranger", "/v1/releases",
                Signed.release(stranger, server, "1.0.0", "changed").toJson());
    }

    private void hostileNames() throws Exception {
        List<String> names = List.of(namespace + "/../etc", namespace + "/..", namespace + "/.", namespace + "/a/b",
                "../" + namespace + "/x", namespace + "/x%2f..", namespace + "/x\\..\\y", namespace + "/\u0000x",
                namespace + "/ x", namespace + "/x\n", namespace + "/" + "a".repeat(300), namespace + "/",
                "/" + namespace, namespace + "//x", namespace + "/wea\u200bther", namespace + "/w\u202eeather",
                namespace + "/\uff57eather", namespace + "\uff0fweather", namespace + "/we\u0301ather",
                namespace + "/\ufeffweather", namespace + "/\ud83d\ude00");
        for (String name : names) {
            post("release named " + printable(name), "/v1/releases", rawRelease(name, "1.0.0"));
        }
        List<String> badVersions = List.of("../1", "1/2", "%2e%2e", "", "1.0 ", "v".repeat(201), "1.0\u200b", "\u0661.0");
        for (String version : badVersions) {
            post("release version " + printable(version), "/v1/releases", rawRelease(server, version));
        }
        List<String> namespaces = List.of("\u0456o.test", "io.test\u200b", "io\u202etset", "\uff49\uff4f", "io.test\u0301",
                "\ufeffio.test", "..", "io/test", "assessor:", "-io", "x".repeat(201), "io test", "\ud83d\ude00");
        for (String ns : namespaces) {
            SigningKey key = KeyPairs.generate();
            post("binding namespace " + printable(ns), "/v1/keys/bind", rawBinding(key, ns));
        }
        for (String path : List.of("/v1/servers/../../etc/passwd", "/v1/servers/%2e%2e/%2e%2e/versions",
                "/v1/servers/" + namespace + "/weather/versions/..%2f..%2fetc", "/v1/badges/../../etc/passwd.svg",
                "/log/tile/../../etc/passwd", "/log/tile/0/..%2f000", "/v1/namespaces/..%2f..",
                "/v0/servers/%2e%2e/%2e%2e/etc/passwd", "/v1/servers/" + namespace + "/weather%00/versions",
                "/v1/log/entries/..%2f1", "/log/tile/entries/%2e%2e", "/v1/servers/%c0%ae%c0%ae/x/versions")) {
            get("traversal " + path, path);
        }
    }

    private static String printable(String s) {
        StringBuilder out = new StringBuilder();
        s.codePoints().limit(40).forEach(cp -> {
            if (cp >= 0x20 && cp < 0x7f) {
                out.appendCodePoint(cp);
            } else {
                out.append(String.format("\\u%04x", cp));
            }
        });
        return out.toString();
    }

    /** A release statement built by hand, so the client library's own checks do not refuse the name. */
    private byte[] rawRelease(String name, String version) throws Exception {
        ObjectNode manifest = Signed.manifest(server, "1.0.0", "raw");
        ((ObjectNode) manifest.get("server")).put("name", name).put("version", version);
        ObjectNode statement = Signed.JSON.createObjectNode();
        statement.put("_type", "https://in-toto.io/Statement/v1");
        ObjectNode subject = statement.putArray("subject").addObject();
        subject.put("name", name + "@" + version);
        subject.putObject("digest").put("sha256", "0".repeat(64));
        statement.put("predicateType", Release.PREDICATE_TYPE);
        statement.set("predicate", manifest);
        return Envelope.sign(Statement.PAYLOAD_TYPE, Signed.JSON.writeValueAsBytes(statement), List.of(publisher))
                .toJson();
    }

    private byte[] rawBinding(SigningKey key, String ns) throws Exception {
        ObjectNode statement = (ObjectNode) Signed.JSON.readTree(binding(key, "placeholder.ns").payload());
        String text = Signed.JSON.writeValueAsString(statement).replace("placeholder.ns", ns.replace("\\", "\\\\")
                .replace("\"", "\\\""));
        return Envelope.sign(Statement.PAYLOAD_TYPE, utf8(text), List.of(key)).toJson();
    }

    private void oversizedAndWrongMedia() {
        byte[] json = fresh(publisher).toJson();
        for (String path : WRITE_PATHS) {
            for (int size : new int[] {1024 * 1024 + 1, 3 * 1024 * 1024}) {
                byte[] body = Arrays.copyOf(json, size);
                Arrays.fill(body, json.length, size, (byte) ' ');
                post("oversized " + size + " to " + path, path, body);
            }
            for (String type : Arrays.asList("text/plain", "application/xml", "application/x-www-form-urlencoded",
                    "multipart/form-data; boundary=x", "application/octet-stream", null)) {
                cases.add(new Case("content type " + type + " to " + path, "POST", path, type, json));
            }
            cases.add(new Case("PUT " + path, "PUT", path, "application/json", json));
            cases.add(new Case("DELETE " + path, "DELETE", path, null, null));
        }
    }

    private void badQueries() {
        String s = "/v1/servers/" + server;
        for (String q : List.of("limit=-1", "limit=0", "limit=abc", "limit=100000", "limit=1e3", "limit=%00",
                "updated_since=yesterday", "updated_since=2026-13-01T00:00:00Z",
                "updated_since=%00", "updated_since=" + "9".repeat(300), "limit=+5", "limit=0x10")) {
            get("query /v1/servers?" + q, "/v1/servers?" + q);
            get("query /v0/servers?" + q, "/v0/servers?" + q);
        }
        for (String q : List.of("index=-1&size=1", "index=0&size=abc", "index=&size=", "index=5&size=2",
                "index=1", "index=00&size=1", "index=99999999999999999999&size=1", "index=0&size=999999999")) {
            get("inclusion proof ?" + q, "/v1/log/proof/inclusion?" + q);
        }
        for (String q : List.of("from=2&to=1", "from=a&to=1", "from=0&to=999999999", "to=1", "from=-1&to=0")) {
            get("consistency proof ?" + q, "/v1/log/proof/consistency?" + q);
        }
        for (String path : List.of("/v1/log/entries/-1", "/v1/log/entries/abc", "/v1/log/entries/999999999",
                "/v1/log/entries/" + "9".repeat(40), "/log/tile/9/000", "/log/tile/0/x", "/log/tile/0/000.p/0",
                "/log/tile/0/000.p/999", "/log/tile/entries/x001", "/log/tile/-1/000",
                s + "/versions/9.9.9", s + "/diff?from=1.0.0", s + "/diff?from=nope&to=1.0.0",
                s + "/versions/1.0.0/conflicts/x", "/v1/namespaces/" + "x".repeat(300), "/v1/badges/a.svg")) {
            get("browse " + path, path);
        }
    }

    private Outcome send(Case c) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create(base.toString().replaceFirst("/$", "") + c.path()))
                .timeout(Duration.ofSeconds(60));
        if (c.contentType() != null) {
            r.header("Content-Type", c.contentType());
        }
        r.method(c.method(), c.body() == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofByteArray(c.body()));
        HttpResponse<byte[]> response = http.send(r.build(), HttpResponse.BodyHandlers.ofByteArray());
        String contentType = response.headers().firstValue("Content-Type").orElse(null);
        String type = null;
        if (contentType != null && contentType.startsWith("application/problem+json")) {
            try {
                type = Signed.JSON.readTree(response.body()).path("type").asText(null);
            } catch (java.io.IOException e) {
                type = null;
            }
        }
        return new Outcome(c, response.statusCode(), contentType, type);
    }
}
