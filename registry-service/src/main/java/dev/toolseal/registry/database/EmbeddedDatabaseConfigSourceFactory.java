package dev.toolseal.registry.database;

import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Installs {@link EmbeddedDatabaseConfigSource} unless a JDBC URL is configured elsewhere
 * (for example {@code QUARKUS_DATASOURCE_JDBC_URL}), in which case no embedded database starts.
 *
 * <p>Reads, with the active profile applied: {@code toolseal.data-dir} (default {@code data}),
 * {@code toolseal.embedded-postgres.data-dir} (default {@code <data-dir>/postgres}),
 * {@code toolseal.embedded-postgres.temporary} (default false: a fresh directory per start,
 * deleted on stop) and {@code toolseal.embedded-postgres.startup-timeout} (default 60s).
 * {@link dev.toolseal.registry.RegistryConfig} declares the same keys for documentation and
 * validation.
 */
public final class EmbeddedDatabaseConfigSourceFactory implements ConfigSourceFactory {

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        if (value(context, EmbeddedDatabaseConfigSource.JDBC_URL).isPresent()) {
            return List.of();
        }
        return List.of(new EmbeddedDatabaseConfigSource(settings(context)));
    }

    static EmbeddedDatabase.Settings settings(ConfigSourceContext context) {
        boolean temporary = value(context, "toolseal.embedded-postgres.temporary").map(Boolean::parseBoolean)
                .orElse(false);
        Duration timeout = value(context, "toolseal.embedded-postgres.startup-timeout")
                .map(DurationConverter::parseDuration).orElse(Duration.ofSeconds(60));
        if (temporary) {
            return new EmbeddedDatabase.Settings(Optional.empty(), timeout);
        }
        Path dataDir = Path.of(value(context, "toolseal.data-dir").orElse("data"));
        Path pgDir = value(context, "toolseal.embedded-postgres.data-dir").map(Path::of)
                .orElse(dataDir.resolve("postgres"));
        return new EmbeddedDatabase.Settings(Optional.of(pgDir.toAbsolutePath()), timeout);
    }

    private static Optional<String> value(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return Optional.ofNullable(value == null ? null : value.getValue()).filter(v -> !v.isBlank());
    }
}
