package dev.toolseal.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What every check needs: the deploy directory, the repository root, the registry's facts, the
 * variables the image's entrypoint reads, and the findings so far. Holds the checks shared by
 * compose, Kubernetes and the Containerfile (images, registry environment variables).
 */
final class Context {

    static final String ENTRYPOINT = "container/entrypoint.sh";
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{?([A-Z_][A-Z0-9_]*)");

    private final Path deployDir;
    private final Path repoRoot;
    private final RegistryFacts facts;
    private final Findings findings;
    private final Set<String> entrypointVariables;

    Context(Path deployDir, Path repoRoot, RegistryFacts facts) throws IOException {
        this.deployDir = deployDir;
        this.repoRoot = repoRoot;
        this.facts = facts;
        this.findings = new Findings(deployDir);
        Set<String> variables = new TreeSet<>();
        Path entrypoint = deployDir.resolve(ENTRYPOINT);
        if (Files.exists(entrypoint)) {
            Matcher m = SHELL_VARIABLE.matcher(Files.readString(entrypoint, StandardCharsets.UTF_8));
            while (m.find()) {
                variables.add(m.group(1));
            }
        }
        this.entrypointVariables = Set.copyOf(variables);
    }

    Path deployDir() {
        return deployDir;
    }

    Path repoRoot() {
        return repoRoot;
    }

    RegistryFacts facts() {
        return facts;
    }

    Findings findings() {
        return findings;
    }

    void add(Path file, Rule rule, String detail) {
        findings.add(file, rule, detail);
    }

    /** Checks an image reference; returns it if it parses. */
    ImageRef image(Path file, String reference) {
        ImageRef image = ImageRef.parse(reference).orElse(null);
        if (image == null) {
            add(file, Rule.UNPARSEABLE, "not an image reference: " + reference);
            return null;
        }
        if (!image.pinned()) {
            add(file, Rule.IMAGE_NOT_PINNED, reference);
        } else if (!KnownImages.known(image, facts.projectVersion())) {
            add(file, Rule.IMAGE_UNKNOWN, reference);
        }
        return image;
    }

    /** Checks that the registry reads each variable: a config property, or one its entrypoint reads. */
    void registryEnv(Path file, Collection<String> names) {
        for (String name : names) {
            if (!facts.isPropertyEnv(name) && !entrypointVariables.contains(name)) {
                add(file, Rule.ENV_NOT_A_PROPERTY, name);
            }
        }
    }

    /** Checks a health check or probe path. */
    void healthPath(Path file, String path, String expected) {
        if (!facts.healthPaths().contains(path) || (expected != null && !facts.healthPath(expected).equals(path))) {
            add(file, Rule.PROBE_PATH, path);
        }
    }

    /** Whether {@code file} lies in a directory whose .gitignore ignores everything (generated secrets). */
    static boolean inIgnoredDirectory(Path file) throws IOException {
        Path ignore = file.toAbsolutePath().getParent().resolve(".gitignore");
        return !file.getFileName().toString().equals(".gitignore") && Files.isRegularFile(ignore)
                && Files.readAllLines(ignore, StandardCharsets.UTF_8).stream().map(String::strip)
                        .anyMatch("*"::equals);
    }
}
