package dev.toolseal.registry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.registry.ownership.ProofWorld;
import dev.toolseal.registry.ownership.ProvenNamespacesProfile;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A publisher proves a namespace with the real CLI against a registry that requires proofs: print
 * the record with {@code ownership-record}, publish it (in dnsmasq), {@code bind --prove dns};
 * likewise with a GitHub Actions token. A squatter without a proof is refused with exit 3.
 */
@QuarkusTest
@TestProfile(ProvenNamespacesProfile.class)
class CliProvenBindTest {

    @TestHTTPResource("/")
    URL url;

    @TempDir
    Path dir;

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    @Test
    void aPublisherProvesItsDomainAndASquatterCannot() throws Exception {
        String label = "cli" + Long.toHexString(System.nanoTime() & 0xffffff);
        String domain = label + "." + ProofWorld.DOMAIN;
        String namespace = "test.example." + label;
        Cli.run("keygen", "--out", file("publisher")).expect(0);
        Cli.run("keygen", "--out", file("squatter")).expect(0);
        String record = Cli.run("ownership-record", "--public-key", file("publisher.pub"), "--domain", domain)
                .expect(0).out().strip();
        ProofWorld.txt(Map.of(domain, List.of(record)));

        Cli refused = Cli.run("bind", "--registry", Cli.registry(url), "--key", file("squatter.key"), "--namespace",
                namespace, "--output", "json").expect(3);
        assertTrue(refused.json().get("error").get("message").asText().contains("ownership-required"), refused.err());
        Cli.run("bind", "--registry", Cli.registry(url), "--key", file("squatter.key"), "--namespace", namespace,
                "--prove", "dns", "--domain", domain).expect(3);

        JsonNode bound = Cli.run("bind", "--registry", Cli.registry(url), "--key", file("publisher.key"),
                "--namespace", namespace + ".weather", "--prove", "dns", "--domain", domain, "--log-key", Cli.logKey(),
                "--output", "json").expect(0).json();
        assertEquals("key-binding", bound.get("kind").asText());
    }

    @Test
    void aGithubActionsTokenProvesIoGithubOwner() throws Exception {
        String owner = "org-" + Long.toHexString(System.nanoTime() & 0xffffff);
        Cli.run("keygen", "--algorithm", "p256", "--out", file("ci")).expect(0);
        Path token = Files.writeString(dir.resolve("token.jwt"), ProofWorld.token(owner));
        Cli.run("bind", "--registry", Cli.registry(url), "--key", file("ci.key"), "--namespace",
                "io.github." + owner, "--prove", "github-oidc", "--owner", owner, "--oidc-token-file",
                token.toString()).expect(0);
    }
}
