package dev.toolseal.deploy;

import java.util.Set;

/**
 * The images deploy/ may use. This build cannot reach Docker Hub or ghcr.io (only Maven Central,
 * Debian and npm are reachable), so it cannot ask a registry whether a tag exists. Instead each
 * entry below was checked by hand when it was added: the tag appears in the image's published
 * tag list and in public Dockerfiles, compose files and manifests that pull it (see
 * deploy/README.md, "Images"). Adding an image means checking it the same way and listing it
 * here; a typo or an unchecked image then fails {@code DeployFilesTest}.
 *
 * <p>Tags, not digests: a digest copied from elsewhere cannot be verified from here either (a
 * multi-arch index and its per-platform manifests have different digests), and a wrong digest
 * fails every pull. {@link ImageRef#pinned()} accepts a digest added later.
 */
final class KnownImages {

    /** Our own image, built from deploy/container/Containerfile; its tag is the project version. */
    static final String REGISTRY_IMAGE = "toolseal/registry";

    private static final Set<String> PUBLIC = Set.of(
            // Eclipse Temurin JRE 17.0.16+8 on Ubuntu 24.04 (Docker Hub official image)
            "eclipse-temurin:17.0.16_8-jre-noble",
            // PostgreSQL 17.6, the same minor as the embedded binaries (zonky 17.6.0) the tests use
            "postgres:17.6-bookworm",
            // nginx 1.28.0 stable on Alpine (Docker Hub official image)
            "nginx:1.28.0-alpine",
            // CloudNativePG's PostgreSQL 17.6 operand image
            "ghcr.io/cloudnative-pg/postgresql:17.6");

    private KnownImages() {
    }

    /** Whether {@code image} is a listed public image or our own image at {@code projectVersion}. */
    static boolean known(ImageRef image, String projectVersion) {
        if (image.name().equals(REGISTRY_IMAGE)) {
            return image.tag().filter(projectVersion::equals).isPresent();
        }
        return PUBLIC.contains(image.nameAndTag());
    }

    /** Whether {@code image} is the registry's own image (any tag). */
    static boolean isRegistry(ImageRef image) {
        return image.name().equals(REGISTRY_IMAGE) || image.name().endsWith("/" + REGISTRY_IMAGE);
    }
}
