package dev.toolseal.registry.database;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;

/** With a configured JDBC URL no embedded database starts and the registry uses the given server. */
@QuarkusTest
@TestProfile(ExternalDatabaseTest.External.class)
class ExternalDatabaseTest {

    /** Points the datasource at {@link ExternalPostgresResource}. */
    public static class External implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(ExternalPostgresResource.class));
        }
    }

    @Inject
    AgroalDataSource dataSource;

    @Test
    void usesTheConfiguredServerAndStartsNoEmbeddedOne() throws Exception {
        assertTrue(EmbeddedDatabase.current().isEmpty());
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('port'), to_regclass('flyway_schema_history') IS NOT NULL")) {
            assertTrue(rs.next());
            assertEquals(ExternalPostgresResource.port, Integer.parseInt(rs.getString(1)));
            assertTrue(rs.getBoolean(2), "Flyway migrated the external database");
        }
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
