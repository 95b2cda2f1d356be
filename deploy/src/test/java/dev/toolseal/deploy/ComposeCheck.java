package dev.toolseal.deploy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A compose file: pinned known images, build context and Containerfile present, bind-mounted
 * files present, secrets and named volumes declared, the registry's variables real properties,
 * its JDBC URL pointing at the PostgreSQL service beside it, the connection budget kept.
 */
final class ComposeCheck {

    /** PostgreSQL's default max_connections minus its superuser reserve (3). */
    static final int POSTGRES_DEFAULT_CONNECTIONS = 100 - 3;

    private final Context cx;
    private final Path file;
    private final Path dir;
    private final Object doc;
    private final Set<String> registryServices = new TreeSet<>();

    private ComposeCheck(Context cx, Path file, Object doc) {
        this.cx = cx;
        this.file = file;
        this.dir = file.getParent();
        this.doc = doc;
    }

    /** Checks {@code doc} and returns the names of the services that run the registry. */
    static Set<String> check(Context cx, Path file, Object doc) throws IOException {
        ComposeCheck check = new ComposeCheck(cx, file, doc);
        check.run();
        return Set.copyOf(check.registryServices);
    }

    private void run() throws IOException {
        Map<?, ?> services = Yaml.map(doc, "services");
        if (services.isEmpty()) {
            cx.add(file, Rule.UNPARSEABLE, "no services");
        }
        for (Map.Entry<?, ?> e : services.entrySet()) {
            service(String.valueOf(e.getKey()), e.getValue(), services);
        }
        for (Map.Entry<?, ?> e : Yaml.map(doc, "secrets").entrySet()) {
            Optional<String> source = Yaml.text(e.getValue(), "file");
            if (source.isPresent()) {
                Path path = dir.resolve(source.get()).normalize();
                if (!Files.exists(path) && !(Files.isDirectory(path.getParent())
                        && Context.inIgnoredDirectory(path))) {
                    cx.add(file, Rule.MISSING_FILE, "secret " + e.getKey() + ": " + source.get());
                }
            }
        }
        if (registryServices.size() * cx.facts().poolSize() > POSTGRES_DEFAULT_CONNECTIONS) {
            cx.add(file, Rule.CONNECTION_BUDGET, registryServices.size() + " registries x pool "
                    + cx.facts().poolSize());
        }
    }

    private void service(String name, Object service, Map<?, ?> services) throws IOException {
        ImageRef image = Yaml.text(service, "image").map(ref -> cx.image(file, ref)).orElse(null);
        Yaml.at(service, "build").ifPresent(build -> build(name, build));
        if (image == null && Yaml.at(service, "build").isEmpty()) {
            cx.add(file, Rule.MISSING_REFERENCE, "service " + name + " has neither image nor build");
        }
        for (Object dependency : dependsOn(service)) {
            if (!services.containsKey(dependency)) {
                cx.add(file, Rule.MISSING_REFERENCE, name + " depends on " + dependency);
            }
        }
        for (Object volume : Yaml.list(service, "volumes")) {
            volume(name, String.valueOf(volume));
        }
        List<String> secrets = new ArrayList<>();
        for (Object secret : Yaml.list(service, "secrets")) {
            String source = secret instanceof Map ? Yaml.text(secret, "source").orElse("") : String.valueOf(secret);
            secrets.add(source);
            if (!Yaml.map(doc, "secrets").containsKey(source)) {
                cx.add(file, Rule.MISSING_REFERENCE, name + " uses undeclared secret " + source);
            }
        }
        Map<String, String> env = environment(service);
        if (image != null && KnownImages.isRegistry(image)) {
            registryServices.add(name);
            cx.registryEnv(file, env.keySet());
            String keyFile = env.getOrDefault("TOOLSEAL_LOG_PRIVATE_KEY_FILE", "");
            if (keyFile.startsWith("/run/secrets/") && !secrets.contains(keyFile.substring("/run/secrets/".length()))) {
                cx.add(file, Rule.MISSING_REFERENCE, name + " reads " + keyFile + " but has no such secret");
            }
            database(name, env.getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", ""), services);
        }
    }

    private void build(String name, Object build) {
        String context = build instanceof Map ? Yaml.text(build, "context").orElse(".") : String.valueOf(build);
        Path contextDir = dir.resolve(context).normalize();
        Path dockerfile = contextDir.resolve(Yaml.text(build, "dockerfile").orElse("Dockerfile"));
        if (!Files.isDirectory(contextDir)) {
            cx.add(file, Rule.MISSING_FILE, name + " build context " + context);
        } else if (!Files.isRegularFile(dockerfile)) {
            cx.add(file, Rule.MISSING_FILE, name + " build file " + dockerfile);
        }
    }

    private void volume(String name, String volume) {
        String source = volume.split(":", -1)[0];
        if (source.startsWith(".") || source.startsWith("/")) {
            if (!Files.exists(dir.resolve(source).normalize())) {
                cx.add(file, Rule.MISSING_FILE, name + " mounts " + source);
            }
        } else if (volume.contains(":") && !Yaml.map(doc, "volumes").containsKey(source)) {
            cx.add(file, Rule.MISSING_REFERENCE, name + " uses undeclared volume " + source);
        }
    }

    /** The registry's JDBC URL must name a PostgreSQL service of this file and its POSTGRES_DB. */
    private void database(String name, String jdbcUrl, Map<?, ?> services) {
        if (!jdbcUrl.startsWith("jdbc:postgresql://")) {
            cx.add(file, Rule.DATABASE_MISMATCH, name + ": " + jdbcUrl);
            return;
        }
        URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
        Object db = services.get(uri.getHost());
        Optional<ImageRef> dbImage = Yaml.text(db, "image").flatMap(ImageRef::parse);
        String dbName = db == null ? null : environment(db).get("POSTGRES_DB");
        if (dbImage.filter(i -> i.name().equals("postgres")).isEmpty() || uri.getPath() == null
                || !uri.getPath().equals("/" + dbName)) {
            cx.add(file, Rule.DATABASE_MISMATCH, name + ": " + jdbcUrl);
        }
    }

    private static List<?> dependsOn(Object service) {
        Object value = Yaml.at(service, "depends_on").orElse(List.of());
        return value instanceof Map<?, ?> map ? new ArrayList<>(map.keySet()) : Yaml.list(service, "depends_on");
    }

    /** The environment as a map, from either compose form (mapping or "K=V" list). */
    static Map<String, String> environment(Object service) {
        Map<String, String> env = new LinkedHashMap<>();
        Object value = Yaml.at(service, "environment").orElse(Map.of());
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
        } else {
            for (Object item : Yaml.list(service, "environment")) {
                String[] kv = String.valueOf(item).split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return env;
    }
}
