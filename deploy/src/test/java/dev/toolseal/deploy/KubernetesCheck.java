package dev.toolseal.deploy;

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
 * The Kubernetes manifests: every object named; namespaces, Secrets, ConfigMaps, keys, Services,
 * ports and volumes that are referenced exist; images pinned and known; the registry's variables
 * are real properties, its probes hit its health paths on its port, it runs as non-root on a
 * read-only root file system; its database is the CloudNativePG cluster beside it with room for
 * every replica's pool; kustomization resources exist.
 */
final class KubernetesCheck {

    private static final String REGISTRY_CONTAINER_ENV_URL = "QUARKUS_DATASOURCE_JDBC_URL";
    private static final int POSTGRES_DEFAULT_MAX_CONNECTIONS = 100;
    private static final int POSTGRES_RESERVED = 3;

    private final Context cx;
    private final KubernetesIndex index;

    private KubernetesCheck(Context cx, KubernetesIndex index) {
        this.cx = cx;
        this.index = index;
    }

    static void check(Context cx, KubernetesIndex index) {
        new KubernetesCheck(cx, index).run();
    }

    private void run() {
        Set<String> namespaces = new TreeSet<>();
        index.kind("Namespace").forEach(n -> namespaces.add(n.name()));
        for (Manifest m : index.all) {
            if (m.kind().equals("Kustomization")) {
                kustomization(m);
                continue;
            }
            if (Yaml.text(m.doc(), "apiVersion").isEmpty() || m.kind().isEmpty() || m.name().isEmpty()) {
                cx.add(m.file(), Rule.UNPARSEABLE, "an object without apiVersion, kind or metadata.name");
            }
            Yaml.text(m.doc(), "metadata", "namespace").filter(ns -> !namespaces.contains(ns))
                    .ifPresent(ns -> cx.add(m.file(), Rule.MISSING_REFERENCE, "namespace " + ns));
        }
        index.kind("Deployment").forEach(this::workload);
        index.kind(KubernetesIndex.CNPG_CLUSTER).forEach(c -> Yaml.text(c.doc(), "spec", "imageName")
                .ifPresent(image -> cx.image(c.file(), image)));
        index.kind("Service").forEach(this::service);
        index.kind("Ingress").forEach(this::ingress);
        index.kind("PodDisruptionBudget").forEach(p -> selects(p, Yaml.map(p.doc(), "spec", "selector", "matchLabels")));
    }

    private void workload(Manifest m) {
        Object pod = Yaml.at(m.doc(), "spec", "template", "spec").orElse(Map.of());
        Set<String> volumes = new TreeSet<>();
        for (Object volume : Yaml.list(pod, "volumes")) {
            volumes.add(Yaml.text(volume, "name").orElse(""));
            Yaml.text(volume, "secret", "secretName").ifPresent(s -> keys(m, "Secret", s, index.secretKeys(s),
                    itemKeys(volume, "secret")));
            Yaml.text(volume, "configMap", "name").ifPresent(c -> keys(m, "ConfigMap", c,
                    index.configMapData(c).map(KubernetesCheck::keySet), itemKeys(volume, "configMap")));
        }
        for (Object container : Yaml.list(pod, "containers")) {
            ImageRef image = Yaml.text(container, "image").map(i -> cx.image(m.file(), i)).orElse(null);
            for (Object mount : Yaml.list(container, "volumeMounts")) {
                String name = Yaml.text(mount, "name").orElse("");
                if (!volumes.contains(name)) {
                    cx.add(m.file(), Rule.MISSING_REFERENCE, "volume " + name);
                }
            }
            Map<String, String> env = env(m, container);
            if (image != null && KnownImages.isRegistry(image)) {
                new RegistryContainerCheck(cx, m, pod, container).check(env.keySet());
                database(m, container, env);
            }
        }
    }

    /** The container's variables (value or "" if it comes from elsewhere), with every reference checked. */
    private Map<String, String> env(Manifest m, Object container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Object from : Yaml.list(container, "envFrom")) {
            Yaml.text(from, "configMapRef", "name").ifPresent(c -> {
                Optional<Map<?, ?>> data = index.configMapData(c);
                if (data.isEmpty()) {
                    cx.add(m.file(), Rule.MISSING_REFERENCE, "ConfigMap " + c);
                }
                data.orElse(Map.of()).forEach((k, v) -> env.put(String.valueOf(k), String.valueOf(v)));
            });
            Yaml.text(from, "secretRef", "name").ifPresent(s -> {
                Optional<Set<String>> keys = index.secretKeys(s);
                if (keys.isEmpty()) {
                    cx.add(m.file(), Rule.MISSING_REFERENCE, "Secret " + s);
                }
                keys.orElse(Set.of()).forEach(k -> env.put(k, ""));
            });
        }
        for (Object variable : Yaml.list(container, "env")) {
            String name = Yaml.text(variable, "name").orElse("");
            env.put(name, Yaml.text(variable, "value").orElse(""));
            Yaml.text(variable, "valueFrom", "secretKeyRef", "name").ifPresent(s -> keys(m, "Secret", s,
                    index.secretKeys(s), List.of(Yaml.text(variable, "valueFrom", "secretKeyRef", "key").orElse(""))));
            Yaml.text(variable, "valueFrom", "configMapKeyRef", "name").ifPresent(c -> keys(m, "ConfigMap", c,
                    index.configMapData(c).map(KubernetesCheck::keySet),
                    List.of(Yaml.text(variable, "valueFrom", "configMapKeyRef", "key").orElse(""))));
        }
        return env;
    }

    private void keys(Manifest m, String kind, String name, Optional<Set<String>> defined, List<String> used) {
        if (defined.isEmpty()) {
            cx.add(m.file(), Rule.MISSING_REFERENCE, kind + " " + name);
            return;
        }
        for (String key : used) {
            if (!defined.get().contains(key)) {
                cx.add(m.file(), Rule.MISSING_REFERENCE, kind + " " + name + " has no key " + key);
            }
        }
    }

    /** The JDBC URL names the CloudNativePG cluster's read-write service and database; credentials its app Secret. */
    private void database(Manifest m, Object container, Map<String, String> env) {
        String url = env.getOrDefault(REGISTRY_CONTAINER_ENV_URL, "");
        Optional<Manifest> cluster = Optional.empty();
        if (url.startsWith("jdbc:postgresql://")) {
            URI uri = URI.create(url.substring("jdbc:".length()));
            String host = uri.getHost() == null ? "" : uri.getHost().split("\\.")[0];
            cluster = index.kind(KubernetesIndex.CNPG_CLUSTER).stream()
                    .filter(c -> (c.name() + "-rw").equals(host))
                    .filter(c -> ("/" + Yaml.text(c.doc(), "spec", "bootstrap", "initdb", "database").orElse("app"))
                            .equals(uri.getPath()))
                    .findFirst();
        }
        if (cluster.isEmpty()) {
            cx.add(m.file(), Rule.DATABASE_MISMATCH, REGISTRY_CONTAINER_ENV_URL + "=" + url);
            return;
        }
        for (Object variable : Yaml.list(container, "env")) {
            String name = Yaml.text(variable, "name").orElse("");
            Optional<String> secret = Yaml.text(variable, "valueFrom", "secretKeyRef", "name");
            if (name.startsWith("QUARKUS_DATASOURCE_") && secret.isPresent()
                    && !secret.get().equals(cluster.get().name() + "-app")) {
                cx.add(m.file(), Rule.DATABASE_MISMATCH, name + " from Secret " + secret.get());
            }
        }
        int replicas = Integer.parseInt(Yaml.text(m.doc(), "spec", "replicas").orElse("1"));
        int surge = Yaml.text(m.doc(), "spec", "strategy", "rollingUpdate", "maxSurge")
                .filter(s -> s.matches("\\d+")).map(Integer::parseInt).orElse(1);
        int max = Yaml.text(cluster.get().doc(), "spec", "postgresql", "parameters", "max_connections")
                .map(Integer::parseInt).orElse(POSTGRES_DEFAULT_MAX_CONNECTIONS);
        if ((replicas + surge) * cx.facts().poolSize() > max - POSTGRES_RESERVED) {
            cx.add(cluster.get().file(), Rule.CONNECTION_BUDGET, "(" + replicas + " + " + surge + ") x pool "
                    + cx.facts().poolSize() + " > max_connections " + max + " - " + POSTGRES_RESERVED);
        }
    }

    private void service(Manifest s) {
        List<Manifest> targets = selects(s, Yaml.map(s.doc(), "spec", "selector"));
        for (Object port : Yaml.list(s.doc(), "spec", "ports")) {
            String target = Yaml.text(port, "targetPort").orElse(Yaml.text(port, "port").orElse(""));
            for (Manifest t : targets) {
                if (!RegistryContainerCheck.containerPorts(t).containsKey(target)
                        && !RegistryContainerCheck.containerPorts(t).containsValue(target)) {
                    cx.add(s.file(), Rule.MISSING_REFERENCE, "targetPort " + target + " of " + t.name());
                }
            }
        }
    }

    private List<Manifest> selects(Manifest m, Map<?, ?> selector) {
        List<Manifest> targets = index.kind("Deployment").stream().filter(d -> d.selectedBy(selector)).toList();
        if (targets.isEmpty()) {
            cx.add(m.file(), Rule.MISSING_REFERENCE, m.kind() + " " + m.name() + " selects no workload");
        }
        return targets;
    }

    private void ingress(Manifest i) {
        List<Object> backends = new ArrayList<>();
        Yaml.at(i.doc(), "spec", "defaultBackend").ifPresent(backends::add);
        for (Object rule : Yaml.list(i.doc(), "spec", "rules")) {
            for (Object path : Yaml.list(rule, "http", "paths")) {
                Yaml.at(path, "backend").ifPresent(backends::add);
            }
        }
        for (Object backend : backends) {
            String name = Yaml.text(backend, "service", "name").orElse("");
            Optional<Manifest> service = index.named("Service", name);
            Set<String> ports = new TreeSet<>();
            service.ifPresent(s -> Yaml.list(s.doc(), "spec", "ports").forEach(p -> {
                Yaml.text(p, "name").ifPresent(ports::add);
                Yaml.text(p, "port").ifPresent(ports::add);
            }));
            String port = Yaml.text(backend, "service", "port", "name")
                    .orElse(Yaml.text(backend, "service", "port", "number").orElse(""));
            if (service.isEmpty() || !ports.contains(port)) {
                cx.add(i.file(), Rule.MISSING_REFERENCE, "backend " + name + ":" + port);
            }
        }
    }

    private void kustomization(Manifest k) {
        Path dir = k.file().getParent();
        for (Object resource : Yaml.list(k.doc(), "resources")) {
            if (!Files.exists(dir.resolve(String.valueOf(resource)))) {
                cx.add(k.file(), Rule.MISSING_FILE, String.valueOf(resource));
            }
        }
        for (Object image : Yaml.list(k.doc(), "images")) {
            String name = Yaml.text(image, "name").orElse("");
            cx.image(k.file(), Yaml.text(image, "newName").orElse(name) + ":" + Yaml.text(image, "newTag").orElse(""));
            boolean used = index.kind("Deployment").stream()
                    .flatMap(d -> Yaml.list(d.doc(), "spec", "template", "spec", "containers").stream())
                    .map(c -> Yaml.text(c, "image").flatMap(ImageRef::parse).map(ImageRef::name).orElse(""))
                    .anyMatch(name::equals);
            if (!used) {
                cx.add(k.file(), Rule.MISSING_REFERENCE, "images: " + name + " is used by no container");
            }
        }
    }

    private static List<String> itemKeys(Object volume, String source) {
        return Yaml.list(volume, source, "items").stream().map(i -> Yaml.text(i, "key").orElse("")).toList();
    }

    private static Set<String> keySet(Map<?, ?> data) {
        Set<String> keys = new TreeSet<>();
        data.keySet().forEach(k -> keys.add(String.valueOf(k)));
        return keys;
    }
}
