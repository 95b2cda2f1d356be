package dev.toolseal.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ImageRefTest {

    private static ImageRef parse(String text) {
        return ImageRef.parse(text).orElseThrow();
    }

    @Test
    void splitsNameTagAndDigest() {
        ImageRef ref = parse("ghcr.io/cloudnative-pg/postgresql:17.6@sha256:" + "a".repeat(64));
        assertEquals("ghcr.io/cloudnative-pg/postgresql", ref.name());
        assertEquals(Optional.of("17.6"), ref.tag());
        assertTrue(ref.digest().isPresent());
        assertEquals("localhost:5000/toolseal/registry", parse("localhost:5000/toolseal/registry:1.0").name());
        assertEquals(Optional.empty(), parse("localhost:5000/toolseal/registry").tag());
        assertEquals("nginx", parse("docker.io/library/nginx:1.28.0-alpine").name());
    }

    @Test
    void onlyVersionTagsOrDigestsArePinned() {
        assertTrue(parse("postgres:17.6-bookworm").pinned());
        assertTrue(parse("eclipse-temurin:17.0.16_8-jre-noble").pinned());
        assertTrue(parse("toolseal/registry:0.1.0-SNAPSHOT").pinned());
        assertTrue(parse("nginx@sha256:" + "0".repeat(64)).pinned());
        assertFalse(parse("nginx").pinned());
        assertFalse(parse("nginx:latest").pinned());
        assertFalse(parse("postgres:17").pinned());
        assertFalse(parse("eclipse-temurin:17-jre").pinned());
        assertFalse(parse("nginx:stable-alpine").pinned());
    }

    @Test
    void rejectsWhatIsNoReference() {
        assertEquals(Optional.empty(), ImageRef.parse("Nginx:1.0"));
        assertEquals(Optional.empty(), ImageRef.parse("nginx:"));
        assertEquals(Optional.empty(), ImageRef.parse("nginx@sha256:xyz"));
        assertEquals(Optional.empty(), ImageRef.parse(""));
    }
}
