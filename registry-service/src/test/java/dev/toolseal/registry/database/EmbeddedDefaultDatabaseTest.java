package dev.toolseal.registry.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.api.Test;

/** Without a JDBC URL the test profile runs on an embedded server in a temporary directory. */
@QuarkusTest
class EmbeddedDefaultDatabaseTest {

    @Inject
    AgroalDataSource dataSource;

    @Test
    void runsOnTheEmbeddedServerOutsideTheDataDirectory() throws Exception {
        EmbeddedPostgresServer server = EmbeddedDatabase.current().orElseThrow();
        assertFalse(server.dataDirectory().startsWith(Path.of("data").toAbsolutePath()));
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT current_setting('port'), current_setting('fsync')")) {
            assertTrue(rs.next());
            assertEquals(server.port(), Integer.parseInt(rs.getString(1)));
            assertEquals("on", rs.getString(2));
        }
    }
}
