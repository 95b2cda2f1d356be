package dev.toolseal.registry.log;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.Rfc6962;
import dev.toolseal.tlog.checkpoint.Checkpoint;
import dev.toolseal.tlog.checkpoint.SignedCheckpoint;
import dev.toolseal.tlog.engine.PublishedCheckpoint;
import dev.toolseal.tlog.tiles.TileId;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The tlog-tiles read API and the proof endpoints over a log of {@value #ENTRIES} entries. */
@QuarkusTest
class LogReadApiTest {

    private static final int ENTRIES = 300;
    private static final String PROBLEM = "application/problem+json";

    @Inject
    LogEngine engine;

    @Inject
    LogSigningKey key;

    private long size;

    /**
     * The entries this class appended, by log index. Other test classes share the log and may have
     * filled it already, so proofs are checked only for entries whose bytes this class knows.
     */
    private static final Map<Long, byte[]> APPENDED = new ConcurrentHashMap<>();

    @BeforeEach
    void fillTheLog() throws Exception {
        if (APPENDED.isEmpty()) {
            long current = engine.reader().latestCheckpoint().map(PublishedCheckpoint::size).orElse(0L);
            // enough to cross a tile boundary, and to end inside a tile (a partial tile exists)
            int count = ENTRIES + ((current + ENTRIES) % TileId.FULL_WIDTH == 0 ? 1 : 0);
            Map<CompletableFuture<Long>, byte[]> pending = new LinkedHashMap<>();
            for (long i = current; i < current + count; i++) {
                byte[] e = entry(i);
                pending.put(engine.log().append(e), e);
            }
            for (Map.Entry<CompletableFuture<Long>, byte[]> p : pending.entrySet()) {
                long index = p.getKey().get(60, TimeUnit.SECONDS);
                engine.log().awaitIntegrated(index).get(60, TimeUnit.SECONDS);
                APPENDED.put(index, p.getValue());
            }
        }
        size = engine.reader().latestCheckpoint().orElseThrow().size();
        assertTrue(size >= ENTRIES);
    }

    @Test
    void checkpointIsSignedByTheServedKeyAndBrieflyCached() throws Exception {
        Response response = given().when().get("/log/checkpoint");
        response.then().statusCode(200).contentType("text/plain").header("Cache-Control", equalTo(LogReadResource.CHECKPOINT_CACHE));
        Checkpoint checkpoint = SignedCheckpoint.open(response.asByteArray(), key.signer().verifier()).checkpoint();
        assertEquals("toolseal.local/log", checkpoint.origin());
        assertEquals(size, checkpoint.size());
        assertEquals(engine.reader().treeHash(size), checkpoint.root());
    }

    @Test
    void fullTilesAreImmutableWithETagAndConditionalGet() throws Exception {
        byte[] expected = engine.reader().tile(TileId.full(0, 0)).orElseThrow();
        Response response = given().when().get("/log/tile/0/000");
        response.then().statusCode(200)
                .contentType("application/octet-stream")
                .header("Cache-Control", equalTo(LogReadResource.FULL_TILE_CACHE));
        assertArrayEquals(expected, response.asByteArray());
        assertEquals(TileId.FULL_WIDTH * Hash.SIZE, expected.length);
        String etag = response.header("ETag");
        given().header("If-None-Match", etag).when().get("/log/tile/0/000").then().statusCode(304);

        given().when().get("/log/tile/entries/000").then().statusCode(200)
                .header("Cache-Control", equalTo(LogReadResource.FULL_TILE_CACHE));
    }

    @Test
    void partialTilesAreCachedBriefly() {
        int width = (int) (size % TileId.FULL_WIDTH);
        long index = size / TileId.FULL_WIDTH;
        TileId partial = new TileId(0, index, width);
        Response tile = given().when().get("/log/" + partial.path());
        tile.then().statusCode(200).header("Cache-Control", equalTo(LogReadResource.PARTIAL_TILE_CACHE));
        assertEquals(width * Hash.SIZE, tile.asByteArray().length);
        given().when().get("/log/" + partial.entriesPath()).then().statusCode(200)
                .header("Cache-Control", equalTo(LogReadResource.PARTIAL_TILE_CACHE));
    }

    @Test
    void missingAndMalformedTilesAreProblems() {
        given().when().get("/log/tile/0/x001/000").then().statusCode(404).contentType(PROBLEM)
                .body("type", equalTo("https://toolseal.dev/problems/not-found"));
        for (String bad : List.of("/log/tile/0/0", "/log/tile/0/000.p/0", "/log/tile/99/000", "/log/tile/entries/01")) {
            given().when().get(bad).then().statusCode(400).contentType(PROBLEM)
                    .body("type", equalTo("https://toolseal.dev/problems/invalid-parameter"));
        }
    }

    @Test
    void inclusionProofVerifiesAgainstTheRoot() throws Exception {
        // the first entry of a level-0 tile past the first: its proof crosses the tile boundary
        long index = APPENDED.keySet().stream().filter(i -> i % TileId.FULL_WIDTH == 1 && i > 1).findFirst()
                .orElseThrow();
        JsonPath proof = given().queryParam("index", index).queryParam("size", size)
                .when().get("/v1/log/proof/inclusion").then().statusCode(200).extract().jsonPath();
        Hash root = Hash.fromBase64(proof.getString("rootHash"));
        assertEquals(engine.reader().treeHash(size), root);
        MerkleTree.verifyInclusion(Rfc6962.leafHash(APPENDED.get(index)), index, size, hashes(proof), root);
    }

    @Test
    void consistencyProofVerifies() throws Exception {
        JsonPath proof = given().queryParam("from", 7).queryParam("to", size)
                .when().get("/v1/log/proof/consistency").then().statusCode(200).extract().jsonPath();
        MerkleTree.verifyConsistency(7, size, hashes(proof), Hash.fromBase64(proof.getString("fromRootHash")),
                Hash.fromBase64(proof.getString("toRootHash")));
    }

    @Test
    void proofParametersAreChecked() {
        for (String query : List.of("index=1", "index=-1&size=5", "index=abc&size=5", "index=5&size=5",
                "index=0&size=" + (size + 1), "index=01&size=5")) {
            given().when().get("/v1/log/proof/inclusion?" + query).then().statusCode(400).contentType(PROBLEM)
                    .body("type", equalTo("https://toolseal.dev/problems/invalid-parameter"));
        }
        given().when().get("/v1/log/proof/consistency?from=9&to=8").then().statusCode(400).contentType(PROBLEM);
    }

    private static List<Hash> hashes(JsonPath proof) {
        List<Hash> hashes = new ArrayList<>();
        for (String h : proof.getList("hashes", String.class)) {
            hashes.add(Hash.fromBase64(h));
        }
        return hashes;
    }

    private static byte[] entry(long i) {
        return ("{\"kind\":\"test\",\"n\":" + i + "}").getBytes(StandardCharsets.UTF_8);
    }
}
