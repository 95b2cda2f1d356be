package dev.toolseal.registry.database;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EmbeddedDatabaseConfigSourceFactoryTest {

    private final EmbeddedDatabaseConfigSourceFactory factory = new EmbeddedDatabaseConfigSourceFactory();

    @Test
    void configuredJdbcUrlMeansNoEmbeddedDatabase() {
        var sources = factory.getConfigSources(context(Map.of("quarkus.datasource.jdbc.url", "jdbc:postgresql://db/x")));
        assertFalse(sources.iterator().hasNext());
    }

    @Test
    void defaultIsDataPostgresWithSixtySeconds() {
        var sources = factory.getConfigSources(context(Map.of()));
        assertTrue(sources.iterator().hasNext());
        var settings = EmbeddedDatabaseConfigSourceFactory.settings(context(Map.of()));
        assertEquals(Optional.of(Path.of("data", "postgres").toAbsolutePath()), settings.dataDirectory());
        assertEquals(Duration.ofSeconds(60), settings.startupTimeout());
    }

    @Test
    void dataDirAndExplicitDirectoryAndTimeout() {
        assertEquals(Optional.of(Path.of("/srv/ts/postgres")), EmbeddedDatabaseConfigSourceFactory.settings(
                context(Map.of("toolseal.data-dir", "/srv/ts"))).dataDirectory());
        var explicit = EmbeddedDatabaseConfigSourceFactory.settings(context(Map.of(
                "toolseal.data-dir", "/srv/ts", "toolseal.embedded-postgres.data-dir", "/var/pg",
                "toolseal.embedded-postgres.startup-timeout", "2m")));
        assertEquals(Optional.of(Path.of("/var/pg")), explicit.dataDirectory());
        assertEquals(Duration.ofMinutes(2), explicit.startupTimeout());
    }

    @Test
    void temporaryIgnoresDirectories() {
        var settings = EmbeddedDatabaseConfigSourceFactory.settings(context(Map.of(
                "toolseal.embedded-postgres.temporary", "true", "toolseal.embedded-postgres.data-dir", "/var/pg")));
        assertEquals(Optional.empty(), settings.dataDirectory());
    }

    @Test
    void sourceListsNoNamesSoTheBuildNeverStartsTheDatabase() {
        var source = factory.getConfigSources(context(Map.of())).iterator().next();
        assertTrue(source.getPropertyNames().isEmpty());
        assertEquals(null, source.getValue("quarkus.datasource.username"));
    }

    private static ConfigSourceContext context(Map<String, String> values) {
        return new ConfigSourceContext() {
            @Override
            public ConfigValue getValue(String name) {
                return ConfigValue.builder().withName(name).withValue(values.get(name)).build();
            }

            @Override
            public Iterator<String> iterateNames() {
                return values.keySet().iterator();
            }
        };
    }
}
