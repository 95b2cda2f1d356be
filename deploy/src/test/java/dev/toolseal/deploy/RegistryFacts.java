package dev.toolseal.deploy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the registry really offers, read from registry-service itself: the properties it reads
 * ({@code RegistryConfig} by reflection, {@code application.properties}, and the Quarkus
 * datasource variables its README documents), its HTTP port, health paths, pool size, body
 * limit and the Cache-Control max-age of its log read paths ({@code LogReadResource}).
 *
 * @param properties every config property name the registry reads (no profile prefix)
 * @param documentedEnv the {@code QUARKUS_*} variables registry-service/README.md documents
 * @param httpPort {@code quarkus.http.port}
 * @param healthPaths the liveness and readiness paths
 * @param poolSize {@code quarkus.datasource.jdbc.max-size}
 * @param maxBodyBytes {@code quarkus.http.limits.max-body-size} in bytes
 * @param logCacheMaxAge max-age per LogReadResource constant (CHECKPOINT_CACHE, FULL_TILE_CACHE,
 *     PARTIAL_TILE_CACHE)
 * @param projectVersion the Maven project version, the registry image's tag
 */
record RegistryFacts(Set<String> properties, Set<String> documentedEnv, int httpPort, Set<String> healthPaths,
        int poolSize, long maxBodyBytes, Map<String, Duration> logCacheMaxAge, String projectVersion) {

    static final String LIVE = "live";
    static final String READY = "ready";

    private static final Pattern CACHE_CONSTANT = Pattern.compile(
            "static final String (\\w+_CACHE) = \"[^\"]*max-age=(\\d+)[^\"]*\"");
    private static final Pattern DOCUMENTED_ENV = Pattern.compile("`(QUARKUS_[A-Z0-9_]+)`");

    /** Reads the facts from the registry-service sources below {@code repoRoot}. */
    static RegistryFacts read(Path repoRoot, String projectVersion) throws IOException, ReflectiveOperationException {
        Path module = repoRoot.resolve("registry-service");
        Properties app = new Properties();
        try (Reader in = Files.newBufferedReader(module.resolve("src/main/resources/application.properties"),
                StandardCharsets.UTF_8)) {
            app.load(in);
        }
        Set<String> properties = new TreeSet<>();
        for (String key : app.stringPropertyNames()) {
            properties.add(key.startsWith("%") ? key.substring(key.indexOf('.') + 1) : key);
        }
        Class<?> config = Class.forName("dev.toolseal.registry.RegistryConfig");
        properties.addAll(mappingProperties(config.getAnnotation(ConfigMapping.class).prefix(), config));

        String readme = Files.readString(module.resolve("README.md"), StandardCharsets.UTF_8);
        Set<String> documented = new TreeSet<>();
        Matcher m = DOCUMENTED_ENV.matcher(readme);
        while (m.find()) {
            documented.add(m.group(1));
        }

        String nonApplicationRoot = app.getProperty("quarkus.http.non-application-root-path", "q");
        String healthRoot = app.getProperty("quarkus.smallrye-health.root-path", "health");
        String health = "/" + strip(nonApplicationRoot) + "/" + strip(healthRoot) + "/";
        Set<String> healthPaths = Set.of(health + LIVE, health + READY);

        return new RegistryFacts(Set.copyOf(properties), Set.copyOf(documented),
                Integer.parseInt(app.getProperty("quarkus.http.port", "8080")), healthPaths,
                Integer.parseInt(app.getProperty("quarkus.datasource.jdbc.max-size", "20")),
                bytes(app.getProperty("quarkus.http.limits.max-body-size", "10240K")),
                cacheMaxAges(module.resolve("src/main/java/dev/toolseal/registry/log/LogReadResource.java")),
                projectVersion);
    }

    /** A path ending in "/live" or "/ready" of {@link #healthPaths}. */
    String healthPath(String which) {
        return healthPaths.stream().filter(p -> p.endsWith("/" + which)).findFirst().orElseThrow();
    }

    /** Whether {@code name} is the environment form of a property the registry reads. */
    boolean isPropertyEnv(String name) {
        return documentedEnv.contains(name) || properties.stream().anyMatch(p -> envName(p).equals(name));
    }

    /** A property's environment variable name (SmallRye: upper case, other characters '_'). */
    static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The leaf property names of a {@code @ConfigMapping} interface, recursively. */
    static Set<String> mappingProperties(String prefix, Class<?> type) {
        Set<String> names = new TreeSet<>();
        for (Method method : type.getMethods()) {
            if (Modifier.isStatic(method.getModifiers()) || method.isDefault() || method.getParameterCount() > 0) {
                continue;
            }
            WithName renamed = method.getAnnotation(WithName.class);
            String name = prefix + "." + (renamed != null ? renamed.value() : kebab(method.getName()));
            Class<?> result = method.getReturnType();
            if (result.isInterface() && result.getName().startsWith(type.getPackageName())) {
                names.addAll(mappingProperties(name, result));
            } else {
                names.add(name);
            }
        }
        return names;
    }

    static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    private static Map<String, Duration> cacheMaxAges(Path source) throws IOException {
        Map<String, Duration> ages = new TreeMap<>();
        Matcher m = CACHE_CONSTANT.matcher(Files.readString(source, StandardCharsets.UTF_8));
        while (m.find()) {
            ages.put(m.group(1), Duration.ofSeconds(Long.parseLong(m.group(2))));
        }
        return Map.copyOf(ages);
    }

    private static long bytes(String size) {
        String s = size.strip().toUpperCase(Locale.ROOT);
        long unit = switch (s.charAt(s.length() - 1)) {
            case 'K' -> 1L << 10;
            case 'M' -> 1L << 20;
            case 'G' -> 1L << 30;
            default -> 1;
        };
        return Long.parseLong(unit == 1 ? s : s.substring(0, s.length() - 1)) * unit;
    }

    private static String strip(String path) {
        return path.replaceAll("^/+|/+$", "");
    }
}
