package dev.toolseal.deploy;

import dev.toolseal.tlog.note.KeyFormatException;
import dev.toolseal.tlog.note.NoteSigner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Runs every check over a deploy directory: each file is parsed by its kind (YAML, nginx,
 * Containerfile, shell), unknown kinds are findings, and no file holds a usable log private key.
 * Files in a directory whose .gitignore ignores everything (generated secrets) are skipped.
 */
final class DeployCheck {

    /** Directories of the deploy module that hold no deployment files. */
    static final Set<String> NOT_DEPLOYMENT = Set.of("target", "src");

    private static final Pattern PRIVATE_KEY = Pattern.compile("PRIVATE\\+KEY\\+[^\\s\"']+");

    private final Context cx;
    /** What each file was checked as, for tests that make sure nothing was skipped. */
    private final Map<String, String> kinds = new TreeMap<>();

    private DeployCheck(Context cx) {
        this.cx = cx;
    }

    /** The result of a run: findings, and the kind each file was checked as. */
    record Result(List<Finding> findings, Map<String, String> kinds) {
    }

    static Result run(Path deployDir, Path repoRoot, RegistryFacts facts) throws IOException, InterruptedException {
        DeployCheck check = new DeployCheck(new Context(deployDir, repoRoot, facts));
        check.all();
        return new Result(check.cx.findings().list(), Map.copyOf(check.kinds));
    }

    private void all() throws IOException, InterruptedException {
        List<Path> files = files();
        Set<String> registryServices = new TreeSet<>();
        List<Path> nginx = new ArrayList<>();
        KubernetesIndex kubernetes = new KubernetesIndex();
        for (Path file : files) {
            String name = file.getFileName().toString();
            String text = Files.readString(file, StandardCharsets.UTF_8);
            committedKeys(file, text);
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                registryServices.addAll(yaml(file, kubernetes));
            } else if (name.endsWith(".conf")) {
                nginx.add(file);
                kind(file, "nginx");
            } else if (name.equals("Containerfile") || name.equals("Dockerfile")) {
                ContainerfileCheck.check(cx, file, text);
                kind(file, "containerfile");
            } else if (name.endsWith(".sh")) {
                shell(file, text);
            } else if (name.endsWith(".md") || name.equals(".gitignore") || name.endsWith(".dockerignore")
                    || name.equals("pom.xml") || name.equals(".env")) {
                kind(file, "text");
            } else {
                cx.add(file, Rule.UNKNOWN_FILE, name);
            }
        }
        for (Path file : nginx) {
            try {
                NginxCheck.check(cx, file, NginxConf.parse(Files.readString(file, StandardCharsets.UTF_8)),
                        registryServices);
            } catch (NginxConf.SyntaxException e) {
                cx.add(file, Rule.UNPARSEABLE, e.getMessage());
            }
        }
        KubernetesCheck.check(cx, kubernetes);
    }

    private List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(cx.deployDir())) {
            for (Path file : walk.filter(Files::isRegularFile).sorted().toList()) {
                Path relative = cx.deployDir().relativize(file);
                if (relative.getNameCount() > 1 && NOT_DEPLOYMENT.contains(relative.getName(0).toString())) {
                    continue;
                }
                if (Context.inIgnoredDirectory(file)) {
                    continue;
                }
                files.add(file);
            }
        }
        return files;
    }

    /** Parses a YAML file; compose files and Kubernetes manifests get their checks. */
    private Set<String> yaml(Path file, KubernetesIndex kubernetes) throws IOException {
        List<Object> documents;
        try {
            documents = Yaml.load(file);
        } catch (YAMLException e) {
            cx.add(file, Rule.UNPARSEABLE, e.getClass().getSimpleName());
            return Set.of();
        }
        if (documents.isEmpty()) {
            cx.add(file, Rule.UNPARSEABLE, "no YAML document");
            return Set.of();
        }
        String name = file.getFileName().toString();
        if (name.startsWith("compose.") || name.startsWith("docker-compose.")) {
            kind(file, "compose");
            return ComposeCheck.check(cx, file, documents.get(0));
        }
        if (cx.deployDir().relativize(file).startsWith("kubernetes")) {
            kind(file, "kubernetes");
            documents.forEach(d -> kubernetes.add(new Manifest(file, d)));
        } else {
            kind(file, "yaml");
        }
        return Set.of();
    }

    private void shell(Path file, String text) throws IOException, InterruptedException {
        String shebang = text.lines().findFirst().orElse("");
        String shell = shebang.equals("#!/bin/sh") ? "sh" : shebang.equals("#!/bin/bash") ? "bash" : null;
        if (shell == null) {
            cx.add(file, Rule.UNPARSEABLE, "no #!/bin/sh or #!/bin/bash line");
            return;
        }
        Process p = new ProcessBuilder(shell, "-n", file.toString()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!p.waitFor(30, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
        }
        if (p.exitValue() != 0) {
            cx.add(file, Rule.UNPARSEABLE, shell + " -n failed");
        }
        kind(file, "shell");
    }

    private void committedKeys(Path file, String text) {
        Matcher m = PRIVATE_KEY.matcher(text);
        while (m.find()) {
            try {
                NoteSigner.fromPrivateKeyString(m.group());
                cx.add(file, Rule.COMMITTED_KEY, "a usable log private key");
            } catch (KeyFormatException | IllegalArgumentException e) {
                // a placeholder, as it should be
            }
        }
    }

    private void kind(Path file, String kind) {
        kinds.put(cx.deployDir().relativize(file).toString().replace('\\', '/'), kind);
    }
}
