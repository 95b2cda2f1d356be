package dev.toolseal.registry.cli;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.toolseal.cli.Main;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Runs the real {@code toolseal} CLI in-process ({@link Main#run}) and keeps what it printed. */
record Cli(int exitCode, String out, String err) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Runs {@code args} with a fresh state directory: nothing remembered, the real home untouched. */
    static Cli run(String... args) {
        return run(freshEnvironment(), args);
    }

    /** Runs {@code args} in {@code env} (e.g. one state directory shared by several runs). */
    static Cli run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
                PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(env, InputStream.nullInputStream(), o, e, args);
        }
        return new Cli(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** An environment whose XDG_STATE_HOME is a new directory under target/. */
    static Map<String, String> freshEnvironment() {
        try {
            Path base = Files.createDirectories(Path.of("target", "test-state").toAbsolutePath());
            return Map.of("XDG_STATE_HOME", Files.createTempDirectory(base, "state").toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Cli expect(int code) {
        assertEquals(code, exitCode, () -> "stdout:\n" + out + "\nstderr:\n" + err);
        return this;
    }

    JsonNode json() {
        try {
            return JSON.readTree(out);
        } catch (IOException e) {
            throw new AssertionError("stdout is not JSON:\n" + out, e);
        }
    }

    /** The registry's base URL for {@code --registry}, from the test's {@code @TestHTTPResource("/")}. */
    static String registry(URL root) {
        String s = root.toString();
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }

    /** The test registry's log verifier key, for {@code --log-key}. */
    static String logKey() {
        return given().get("/log/key").then().statusCode(200).extract().asString().strip();
    }

    /** The npm test servers installed by verifier-lib's build. */
    static Path servers() {
        Path root = Path.of(System.getProperty("e2e.mcpServers", "../verifier-lib/src/test/mcp-servers"))
                .toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("node_modules/@modelcontextprotocol/server-memory"))) {
            throw new IllegalStateException("npm test servers are not installed under " + root
                    + "; build verifier-lib first (its build runs npm ci)");
        }
        return root;
    }

    static String memoryServer() {
        return servers().resolve("node_modules/@modelcontextprotocol/server-memory/dist/index.js").toString();
    }

    static String everythingServer() {
        return servers().resolve("node_modules/@modelcontextprotocol/server-everything/dist/index.js").toString();
    }

    /**
     * The 2026-07-28 (modern era) fixture server on the official TypeScript SDK v2, installed by
     * verifier-lib's build.
     */
    static String eraServer() {
        Path root = Path.of(System.getProperty("e2e.mcpServers2026", "../verifier-lib/src/test/mcp-servers-2026"))
                .toAbsolutePath().normalize();
        if (!Files.isDirectory(root.resolve("node_modules/@modelcontextprotocol/server"))) {
            throw new IllegalStateException("2026-era npm test servers are not installed under " + root
                    + "; build verifier-lib first (its build runs npm ci)");
        }
        return root.resolve("era-server.mjs").toString();
    }

    /** The rug-pull proxy of this module's test resources. */
    static String rugPullProxy() {
        return Path.of("src/test/resources/e2e/rug-pull-proxy.mjs").toAbsolutePath().toString();
    }
}
