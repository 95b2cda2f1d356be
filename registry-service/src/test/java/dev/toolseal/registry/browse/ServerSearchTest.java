package dev.toolseal.registry.browse;

import static dev.toolseal.registry.write.Signed.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.toolseal.registry.store.RegistryStore;
import dev.toolseal.registry.write.Signed;
import dev.toolseal.verifier.attest.Release;
import dev.toolseal.verifier.attest.ReleaseName;
import dev.toolseal.verifier.keys.KeyPairs;
import dev.toolseal.verifier.keys.SigningKey;
import dev.toolseal.verifier.manifest.ManifestFormat;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The server listing reads the {@code server_latest} table kept on publish, and its search is a
 * substring match served by trigram indexes (migration V2), with LIKE's wildcards taken literally.
 */
@QuarkusTest
class ServerSearchTest {

    @Inject
    DataSource dataSource;

    private final SigningKey publisher = KeyPairs.generate();
    private final String namespace = Signed.freshNamespace();

    @BeforeEach
    void publish() throws Exception {
        post("/v1/keys/bind", Signed.binding(publisher, namespace)).then().statusCode(201);
        publish(namespace + "/alpha_beta", "1.0.0", "Sunny 100% of the time in " + namespace);
        publish(namespace + "/alphaxbeta", "1.0.0", "Sunny 1000 of the time in " + namespace);
        publish(namespace + "/gamma", "1.0.0", "Cloudy in " + namespace);
        publish(namespace + "/gamma", "2.0.0", "Rainy in " + namespace);
    }

    @Test
    void theListingShowsEachServerOnceWithItsNewestRelease() {
        given().queryParam("q", namespace).get("/v1/servers").then().statusCode(200)
                .body("servers.name", contains(namespace + "/alpha_beta", namespace + "/alphaxbeta",
                        namespace + "/gamma"))
                .body("servers.latestVersion", contains("1.0.0", "1.0.0", "2.0.0"));
        // only the newest release's title is searched
        given().queryParam("q", "Cloudy in " + namespace).get("/v1/servers").then().statusCode(200)
                .body("servers.size()", equalTo(0));
        given().queryParam("q", "Rainy in " + namespace).get("/v1/servers").then().statusCode(200)
                .body("servers.name", contains(namespace + "/gamma"));
    }

    @Test
    void wildcardsInTheQueryMatchOnlyThemselves() {
        given().queryParam("q", (namespace + "/ALPHA_beta").toUpperCase(java.util.Locale.ROOT)).get("/v1/servers")
                .then().statusCode(200).body("servers.name", contains(namespace + "/alpha_beta"));
        // the title is searched too, and '%' is not a wildcard
        given().queryParam("q", "100% OF the time in " + namespace).get("/v1/servers").then().statusCode(200)
                .body("servers.name", contains(namespace + "/alpha_beta"));
    }

    @Test
    void theSearchPredicateIsServedByTheTrigramIndexes() throws Exception {
        String predicate = RegistryStore.SEARCH_PREDICATE.replace("?", "'%alpha\\_beta%'");
        StringBuilder plan = new StringBuilder();
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement()) {
            c.setAutoCommit(false);
            st.execute("SET LOCAL enable_seqscan = off");
            try (ResultSet rs = st.executeQuery("EXPLAIN SELECT l.server_name FROM server_latest l WHERE " + predicate)) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            c.rollback();
        }
        assertTrue(plan.indexOf("server_latest_name_trgm") >= 0, plan.toString());
        assertTrue(plan.indexOf("server_latest_description_trgm") >= 0, plan.toString());
    }

    private void publish(String server, String version, String title) throws Exception {
        ObjectNode doc = Signed.manifest(server, version, "Forecasts.");
        ((ObjectNode) doc.path("initialize").path("serverInfo")).put("title", title);
        ObjectNode canonical = (ObjectNode) Signed.JSON.readTree(
                ManifestFormat.format(new ManifestFormat().parse(Signed.JSON.writeValueAsBytes(doc))));
        post("/v1/releases", Signed.sign(new Release(new ReleaseName(server, version), canonical).toStatement(),
                publisher)).then().statusCode(201);
    }
}
