package dev.toolseal.registry.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.registry.write.Signed;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole publisher and client flow through the real {@code toolseal} CLI against this
 * registry, for each of the reference servers server-memory and server-everything (stdio) from
 * npm, and for a server of the modern era on the official TypeScript SDK v2: keygen, bind (publisher and assessor), snapshot, lint, publish, review --publish; then
 * verify --registry accepts the same server and refuses a rug-pulled copy (one tool's
 * description changed by a proxy), naming the tool; diff --registry of the two versions names it
 * too.
 */
@QuarkusTest
class CliEndToEndTest {

    @TestHTTPResource("/")
    URL url;

    @TempDir
    Path dir;

    private String registry() {
        return Cli.registry(url);
    }

    private static String[] with(List<String> args, List<String> command) {
        List<String> all = new ArrayList<>(args);
        all.addAll(command);
        return all.toArray(String[]::new);
    }

    private String file(String name) {
        return dir.resolve(name).toString();
    }

    /** A real npm server: its stdio command and the tool the rug-pull proxy changes. */
    record NpmServer(String label, List<String> command, String tool) {
        @Override
        public String toString() {
            return label;
        }
    }

    static List<NpmServer> servers() {
        return List.of(new NpmServer("server-memory", List.of("node", Cli.memoryServer()), "create_entities"),
                new NpmServer("server-everything", List.of("node", Cli.everythingServer(), "stdio"), "echo"),
                // a server of the modern era (MCP 2026-07-28): a v2 manifest through the same flow
                new NpmServer("era-server-2026", List.of("node", Cli.eraServer(), "stdio", "--modern-only"), "echo"));
    }

    @ParameterizedTest
    @MethodSource("servers")
    void publishReviewAndVerifyTheServerThenRefuseItsRugPull(NpmServer npm) throws Exception {
        String logKey = Cli.logKey();
        String namespace = Signed.freshNamespace();
        String server = namespace + "/" + npm.label();
        String version = "2026.8.31";
        List<String> rugPull = new ArrayList<>(List.of("node", Cli.rugPullProxy(), npm.tool()));
        rugPull.addAll(npm.command());
        Cli.run("keygen", "--out", file("publisher")).expect(0);
        Cli.run("keygen", "--out", file("assessor")).expect(0);

        JsonNode bound = Cli.run("bind", "--registry", registry(), "--key", file("publisher.key"), "--namespace",
                namespace, "--log-key", logKey, "--output", "json").expect(0).json();
        assertEquals("key-binding", bound.get("kind").asText());
        assertTrue(bound.get("inclusion").get("treeSize").asLong() > bound.get("logIndex").asLong());
        Cli.run("bind", "--registry", registry(), "--key", file("assessor.key"), "--namespace",
                "assessor:" + namespace).expect(0);

        Cli.run(with(List.of("snapshot", "--name", server, "--version", version, "--out", file("manifest.json"), "--"),
                npm.command())).expect(0);
        Cli.run("lint", file("manifest.json")).expect(0);
        JsonNode published = Cli.run("publish", "--registry", registry(), "--key", file("publisher.key"),
                "--manifest", file("manifest.json"), "--out", file("release.json"), "--log-key", logKey,
                "--output", "json").expect(0).json();
        assertEquals("release", published.get("kind").asText());
        assertEquals("created", published.get("status").asText());
        assertTrue(published.get("inclusion").get("checkpoint").asText().startsWith("toolseal.local/log\n"));
        Cli.run("review", "--key", file("assessor.key"), "--release", file("release.json"), "--verdict", "PASSED",
                "--lint", "--publisher-key", file("publisher.pub"), "--out", file("review.json"), "--publish",
                registry()).expect(0);

        List<String> verify = new ArrayList<>(List.of("verify", "--registry", registry(), "--name", server,
                "--version", version, "--log-key", logKey, "--accept-unproven-namespaces", "--require-reviews", "1",
                "--assessor-key",
                file("assessor.pub"), "--checkpoints", file("checkpoints"), "--output", "json", "--"));
        List<String> live = new ArrayList<>(verify);
        live.addAll(npm.command());
        JsonNode accepted = Cli.run(live.toArray(String[]::new)).expect(0).json();
        assertEquals("ACCEPTED", accepted.get("status").asText());

        List<String> rugPulled = new ArrayList<>(verify);
        rugPulled.addAll(rugPull);
        JsonNode refused = Cli.run(rugPulled.toArray(String[]::new)).expect(3).json();
        assertEquals("REJECTED", refused.get("status").asText());
        assertTrue(refused.get("rejected").toString().contains("tool:" + npm.tool()), refused.toString());
        assertTrue(refused.get("reasons").toString().contains("tool:" + npm.tool()), refused.toString());

        // the same release again is idempotent; an unbound key cannot publish into the namespace
        Cli.run("publish", "--registry", registry(), "--envelope", file("release.json"), "--wait", "0").expect(0);
        Cli.run("keygen", "--out", file("intruder")).expect(0);
        Cli run = Cli.run("publish", "--registry", registry(), "--key", file("intruder.key"), "--manifest",
                file("manifest.json"), "--wait", "0").expect(3);
        assertTrue(run.err().contains("https://toolseal.dev/problems/"), run.err());

        // a next version recorded from the rug-pulled copy: diff of the two registry versions names the tool
        Cli.run(with(List.of("snapshot", "--name", server, "--version", "2026.9.1", "--out", file("next.json"), "--"),
                rugPull)).expect(0);
        Cli.run("publish", "--registry", registry(), "--key", file("publisher.key"), "--manifest", file("next.json"),
                "--wait", "0").expect(0);
        JsonNode diff = Cli.run("diff", "--registry", registry(), "--name", server, version, "2026.9.1", "--output",
                "json").expect(3).json();
        assertEquals(false, diff.get("identical").asBoolean());
        List<String> changed = new ArrayList<>();
        diff.get("changes").forEach(c -> changed.add(c.get("entry").asText()));
        // the version is part of what is signed; the only other change is the rug-pulled tool
        assertEquals(List.of("release:server", "tool:" + npm.tool()), changed, diff.toString());
        Cli.run("diff", "--registry", registry(), "--name", server, version, version).expect(0);
    }
}
