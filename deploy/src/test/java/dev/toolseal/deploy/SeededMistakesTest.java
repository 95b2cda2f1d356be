package dev.toolseal.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.toolseal.tlog.note.NoteSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A copy of deploy/ with one seeded mistake fails with the expected rule; the unchanged copy
 * passes. Each case replaces text in one file (an empty {@code from} creates the file).
 */
class SeededMistakesTest {

    private static final String REAL_KEY = "<a freshly generated key>";
    private static RegistryFacts facts;

    @TempDir
    Path temp;

    @BeforeAll
    static void readFacts() throws Exception {
        facts = Repo.facts();
    }

    static Stream<Arguments> mistakes() {
        return Stream.of(
                seed("compose/compose.yaml", "nginx:1.28.0-alpine", "nginx:latest", Rule.IMAGE_NOT_PINNED),
                seed("compose/compose.yaml", "nginx:1.28.0-alpine", "nginx:1.28.99-alpine", Rule.IMAGE_UNKNOWN),
                seed("container/Containerfile", "eclipse-temurin:17.0.16_8-jre-noble", "eclipse-temurin:17-jre",
                        Rule.IMAGE_NOT_PINNED),
                seed("kubernetes/deployment.yaml", "toolseal/registry:0.1.0-SNAPSHOT", "toolseal/registry:0.0.9",
                        Rule.IMAGE_UNKNOWN),
                seed("kubernetes/database.yaml", "postgresql:17.6", "postgresql:17", Rule.IMAGE_NOT_PINNED),
                seed("kubernetes/kustomization.yaml", "newTag: 0.1.0-SNAPSHOT", "newTag: latest",
                        Rule.IMAGE_NOT_PINNED),
                seed("kubernetes/deployment.yaml", "path: /q/health/ready", "path: /health/ready", Rule.PROBE_PATH),
                seed("kubernetes/deployment.yaml", "path: /q/health/ready", "path: /q/health/live", Rule.PROBE_PATH),
                seed("kubernetes/deployment.yaml", "key: password", "key: passwd", Rule.MISSING_REFERENCE),
                seed("kubernetes/deployment.yaml", "name: toolseal-log-key", "name: toolseal-log-keys",
                        Rule.MISSING_REFERENCE),
                seed("kubernetes/deployment.yaml", "mountPath: /tmp", "mountPath: /var/tmp", Rule.INSECURE),
                seed("kubernetes/deployment.yaml", "containerPort: 8080", "containerPort: 8081", Rule.PORT),
                seed("kubernetes/deployment.yaml", "runAsNonRoot: true", "runAsNonRoot: false", Rule.INSECURE),
                seed("kubernetes/deployment.yaml", "readOnlyRootFilesystem: true", "readOnlyRootFilesystem: false",
                        Rule.INSECURE),
                seed("kubernetes/deployment.yaml", "replicas: 3", "replicas: 6", Rule.CONNECTION_BUDGET),
                seed("kubernetes/deployment.yaml", "  replicas: 3", "  replicas: [3", Rule.UNPARSEABLE),
                seed("kubernetes/configmap.yaml", "TOOLSEAL_LOG_ORIGIN:", "TOOLSEAL_LOG_ORIGN:",
                        Rule.ENV_NOT_A_PROPERTY),
                seed("kubernetes/configmap.yaml", "toolseal-db-rw:5432", "toolseal-db:5432", Rule.DATABASE_MISMATCH),
                seed("kubernetes/configmap.yaml", "5432/toolseal", "5432/app", Rule.DATABASE_MISMATCH),
                seed("kubernetes/database.yaml", "max_connections: \"200\"", "max_connections: \"100\"",
                        Rule.CONNECTION_BUDGET),
                seed("kubernetes/kustomization.yaml", "- service.yaml", "- services.yaml", Rule.MISSING_FILE),
                seed("kubernetes/service.yaml", "targetPort: http", "targetPort: web", Rule.MISSING_REFERENCE),
                seed("kubernetes/ingress.yaml", "name: http", "name: https", Rule.MISSING_REFERENCE),
                seed("kubernetes/namespace.yaml", "  name: toolseal\n", "  name: toolseal-ns\n",
                        Rule.MISSING_REFERENCE),
                seed("kubernetes/secret-log-key.yaml", "PRIVATE+KEY+REPLACE-ME-with-the-output-of-log-keygen.sh",
                        REAL_KEY, Rule.COMMITTED_KEY),
                seed("kubernetes/notes.txt", "", "a file no check knows", Rule.UNKNOWN_FILE),
                seed("compose/compose.yaml", "TOOLSEAL_LOG_PRIVATE_KEY_FILE:", "TOOLSEAL_LOG_KEY_FILE:",
                        Rule.ENV_NOT_A_PROPERTY),
                seed("compose/compose.yaml", "./nginx/nginx.conf", "./nginx/proxy.conf", Rule.MISSING_FILE),
                seed("compose/compose.yaml", "dockerfile: deploy/container/Containerfile",
                        "dockerfile: deploy/container/Dockerfile", Rule.MISSING_FILE),
                seed("compose/compose.yaml", "file: ./secrets/log-signing.key", "file: ./keys/log-signing.key",
                        Rule.MISSING_FILE),
                seed("compose/compose.yaml", "/run/secrets/log_signing_key", "/run/secrets/log_key",
                        Rule.MISSING_REFERENCE),
                seed("compose/compose.yaml", "postgres:5432/toolseal", "db:5432/toolseal", Rule.DATABASE_MISMATCH),
                seed("compose/compose.yaml", "  pgdata:\n", "  pg-data:\n", Rule.MISSING_REFERENCE),
                seed("compose/nginx/nginx.conf", "proxy_cache_valid 200 5s;", "proxy_cache_valid 200 1h;",
                        Rule.CACHE_TTL),
                seed("compose/nginx/nginx.conf", "proxy_cache_valid 200 60s;", "proxy_cache_valid 200 1y;",
                        Rule.CACHE_TTL),
                seed("compose/nginx/nginx.conf", "proxy_cache toolseal_log;", "proxy_cache off;", Rule.CACHE_TTL),
                seed("compose/nginx/nginx.conf", "proxy_cache toolseal_log;", "proxy_cache log;",
                        Rule.MISSING_REFERENCE),
                seed("compose/nginx/nginx.conf", "proxy_cache_revalidate on;",
                        "proxy_cache_revalidate on; proxy_ignore_headers Cache-Control;", Rule.CACHE_TTL),
                seed("compose/nginx/nginx.conf", "location = /log/checkpoint", "location = /log/checkpoints",
                        Rule.CACHE_TTL),
                seed("compose/nginx/nginx.conf", "server registry-b:8080", "server registry-c:8080",
                        Rule.MISSING_REFERENCE),
                seed("compose/nginx/nginx.conf", "server registry-b:8080", "server registry-b:9090", Rule.PORT),
                seed("compose/nginx/nginx.conf", "worker_connections 1024;", "worker_connections 1024",
                        Rule.UNPARSEABLE),
                seed("container/Containerfile", "USER 10001:10001", "USER root", Rule.INSECURE),
                seed("container/Containerfile", "EXPOSE 8080", "EXPOSE 9000", Rule.PORT),
                seed("container/Containerfile", "\"/q/health/live\"]", "\"/q/healthz\"]", Rule.PROBE_PATH),
                seed("container/Containerfile", "deploy/container/healthcheck.sh /usr",
                        "deploy/container/health.sh /usr", Rule.MISSING_FILE),
                seed("container/Containerfile", "quarkus-app/quarkus/ ", "quarkus-app/quarkus-lib/ ",
                        Rule.MISSING_FILE),
                seed("container/Containerfile", "WORKDIR /deployments", "WORKDIRS /deployments", Rule.UNPARSEABLE),
                seed("scripts/log-keygen.sh", "esac", "esca", Rule.UNPARSEABLE));
    }

    private static Arguments seed(String file, String from, String to, Rule rule) {
        return Arguments.of(file, from, to, rule);
    }

    @ParameterizedTest(name = "{0}: {3}")
    @MethodSource("mistakes")
    void aSeededMistakeIsFound(String file, String from, String to, Rule rule) throws Exception {
        Path deploy = copyOfDeploy();
        Path target = deploy.resolve(file);
        String replacement = to.equals(REAL_KEY)
                ? NoteSigner.generate("registry.example.org/log", new SecureRandom()).toPrivateKeyString() : to;
        if (from.isEmpty()) {
            Files.writeString(target, replacement, StandardCharsets.UTF_8);
        } else {
            String before = Files.readString(target, StandardCharsets.UTF_8);
            String after = before.replace(from, replacement);
            assertNotEquals(before, after, "the seed text must occur in " + file);
            Files.writeString(target, after, StandardCharsets.UTF_8);
        }
        List<Finding> findings = DeployCheck.run(deploy, temp, facts).findings();
        assertTrue(findings.stream().anyMatch(f -> f.rule() == rule), () -> rule + " expected, got " + findings);
    }

    @Test
    void theUnchangedCopyPasses() throws Exception {
        assertEquals(List.of(), DeployCheck.run(copyOfDeploy(), temp, facts).findings());
    }

    @Test
    void aDigestAddedToAKnownTagIsAccepted() throws Exception {
        Path deploy = copyOfDeploy();
        Path compose = deploy.resolve("compose/compose.yaml");
        Files.writeString(compose, Files.readString(compose, StandardCharsets.UTF_8)
                .replace("postgres:17.6-bookworm", "postgres:17.6-bookworm@sha256:" + "0".repeat(64)));
        assertEquals(List.of(), DeployCheck.run(deploy, temp, facts).findings());
    }

    /** deploy/ without target/ and src/, at {@code <temp>/deploy}, so that compose's "../.." is {@code temp}. */
    private Path copyOfDeploy() throws IOException {
        Path source = Repo.deployDir();
        Path copy = temp.resolve("deploy");
        try (Stream<Path> walk = Files.walk(source)) {
            for (Path p : walk.toList()) {
                Path relative = source.relativize(p);
                if (relative.getNameCount() > 0 && DeployCheck.NOT_DEPLOYMENT.contains(relative.getName(0).toString())) {
                    continue;
                }
                if (Files.isDirectory(p)) {
                    Files.createDirectories(copy.resolve(relative.toString()));
                } else if (!Context.inIgnoredDirectory(p)) {
                    Files.copy(p, copy.resolve(relative.toString()));
                }
            }
        }
        return copy;
    }
}
