package dev.toolseal.deploy;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A container image reference {@code [host[:port]/]path[:tag][@sha256:<hex>]}, with Docker Hub's
 * implicit {@code docker.io/library/} removed so that {@code nginx} and
 * {@code docker.io/library/nginx} are one name.
 */
record ImageRef(String name, Optional<String> tag, Optional<String> digest) {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern VERSION_TAG = Pattern.compile("\\d+\\.\\d+([._+-][A-Za-z0-9._+-]*)?");
    private static final Pattern NAME = Pattern.compile("[a-z0-9]+([._/:-][a-z0-9]+)*");

    /** Parses a reference; empty if it is not one. */
    static Optional<ImageRef> parse(String text) {
        String rest = text.strip();
        Optional<String> digest = Optional.empty();
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = Optional.of(rest.substring(at + 1));
            rest = rest.substring(0, at);
        }
        Optional<String> tag = Optional.empty();
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = Optional.of(rest.substring(colon + 1));
            rest = rest.substring(0, colon);
        }
        if (!NAME.matcher(rest).matches() || tag.filter(String::isEmpty).isPresent()
                || digest.filter(d -> !DIGEST.matcher(d).matches()).isPresent()) {
            return Optional.empty();
        }
        for (String hub : new String[] {"docker.io/library/", "docker.io/", "index.docker.io/library/"}) {
            if (rest.startsWith(hub)) {
                rest = rest.substring(hub.length());
                break;
            }
        }
        return Optional.of(new ImageRef(rest, tag, digest));
    }

    /**
     * Whether the reference cannot silently move: a digest, or a tag naming at least a
     * major.minor version ({@code 17.6}, {@code 1.28.0-alpine}); {@code latest}, {@code 17} or
     * {@code 17-jre} float.
     */
    boolean pinned() {
        return digest.isPresent() || tag.filter(t -> VERSION_TAG.matcher(t).matches()).isPresent();
    }

    /** {@code name:tag}, the key {@link KnownImages} lists. */
    String nameAndTag() {
        return name + ":" + tag.orElse("");
    }
}
