package dev.toolseal.registry.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A person's visit in a real headless Chromium: {@code src/test/browser/check-pages.mjs} (driven
 * by playwright-core, installed by the build with {@code npm ci}) loads the list, searches, opens
 * the server, its diff and the log page, checks what is on screen and that nothing is fetched
 * from another host, and saves screenshots under {@code target/screenshots/}. Needs Debian's
 * {@code /usr/bin/chromium}; without it this test fails (it does not skip).
 */
@QuarkusTest
class PagesBrowserTest {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final List<String> SCREENSHOTS = List.of("01-list.png", "02-search.png", "03-server.png",
            "04-diff.png", "05-log.png");

    @TestHTTPResource("/")
    URL base;

    @Test
    void aPersonSearchesOpensAServerAndSeesWhatChanged() throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(CHROMIUM), "This test needs Debian's Chromium at " + CHROMIUM
                + ": apt-get install -y --no-install-recommends chromium (.ci/run installs it when missing)");
        PageFixture fixture = PageFixture.publish();
        Path dir = Path.of(System.getProperty("browserTest.dir", "src/test/browser"));
        Path shots = Path.of(System.getProperty("browserTest.screenshots", "target/screenshots"));
        Files.createDirectories(shots);
        for (String shot : SCREENSHOTS) {
            Files.deleteIfExists(shots.resolve(shot));
        }

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("base", base.toString().replaceAll("/+$", ""));
        config.put("search", fixture.namespace());
        config.put("server", fixture.server());
        config.put("versions", List.of("1.1.0", "1.0.0"));
        config.put("badge", "review failed");
        config.put("finding", PageFixture.FINDING);
        config.put("keyId", fixture.publisherKeyId());
        config.put("hidden", List.of("<U+200E>", "<U+E0001>"));
        config.put("screenshots", shots.toAbsolutePath().toString());
        Path log = shots.resolve("browser.log");
        Process node = new ProcessBuilder("node", "check-pages.mjs", new ObjectMapper().writeValueAsString(config))
                .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!node.waitFor(120, TimeUnit.SECONDS)) {
            node.descendants().forEach(ProcessHandle::destroyForcibly);
            node.destroyForcibly();
            throw new AssertionError("the browser check did not finish in 120 s; output in " + log);
        }
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, node.exitValue(), "the browser check failed:\n" + output);
        for (String shot : SCREENSHOTS) {
            Path file = shots.resolve(shot);
            assertTrue(Files.isRegularFile(file) && Files.size(file) > 1000, "screenshot " + file);
        }
    }
}
