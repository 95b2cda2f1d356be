package dev.toolseal.registry.database;

import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Supplies the datasource URL of the embedded database, starting it on the first read. The URL
 * names the user ({@code ?user=postgres}): Quarkus finds the optional username only through
 * listed property names, and this source lists none (see {@link #getPropertyNames}).
 *
 * <p>Its ordinal is below {@code application.properties}, environment variables and system
 * properties, so any explicitly configured datasource wins; {@link EmbeddedDatabaseConfigSourceFactory}
 * only installs it when no JDBC URL is configured at all.
 */
final class EmbeddedDatabaseConfigSource implements ConfigSource {

    static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    private static final int ORDINAL = 150;

    private final EmbeddedDatabase.Settings settings;

    EmbeddedDatabaseConfigSource(EmbeddedDatabase.Settings settings) {
        this.settings = settings;
    }

    /**
     * Lists nothing: Quarkus reads every listed runtime property at build time to record it as a
     * default, which would start the database during the build and bake its port into the
     * application. Quarkus reads the URL by name at runtime, so listing them is not
     * needed.
     */
    @Override
    public Set<String> getPropertyNames() {
        return Set.of();
    }

    @Override
    public String getValue(String propertyName) {
        if (JDBC_URL.equals(propertyName)) {
            return EmbeddedDatabase.startOrGet(settings).jdbcUrl();
        }
        return null;
    }

    @Override
    public String getName() {
        return "toolseal-embedded-postgresql";
    }

    @Override
    public int getOrdinal() {
        return ORDINAL;
    }
}
