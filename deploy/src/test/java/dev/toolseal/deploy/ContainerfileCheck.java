package dev.toolseal.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Containerfile whose build context is the repository root: known instructions only, a pinned
 * known base image, sources that exist (the registry's fast-jar layout under
 * {@code registry-service/target/quarkus-app}, checked once the build has made it), a numeric
 * non-root user, the registry's port, a health check on a health path with a copied script.
 */
final class ContainerfileCheck {

    static final String FAST_JAR = "registry-service/target/quarkus-app";
    static final Set<String> FAST_JAR_LAYOUT = Set.of("lib", "app", "quarkus", "quarkus-run.jar");

    private static final Set<String> INSTRUCTIONS = Set.of("FROM", "RUN", "CMD", "LABEL", "EXPOSE", "ENV", "ADD",
            "COPY", "ENTRYPOINT", "VOLUME", "USER", "WORKDIR", "ARG", "ONBUILD", "STOPSIGNAL", "HEALTHCHECK", "SHELL");
    private static final Pattern JSON_STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern NUMERIC_USER = Pattern.compile("(\\d+)(:\\d+)?");

    private final Context cx;
    private final Path file;
    private final Set<String> copiedNames = new HashSet<>();
    private final Set<String> stages = new HashSet<>();

    private ContainerfileCheck(Context cx, Path file) {
        this.cx = cx;
        this.file = file;
    }

    static void check(Context cx, Path file, String text) {
        new ContainerfileCheck(cx, file).run(text);
    }

    /** Instructions with continuation lines joined and comment lines dropped. */
    static List<String> instructions(String text) {
        List<String> result = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String stripped = line.strip();
            if (stripped.startsWith("#") || (stripped.isEmpty() && current.length() == 0)) {
                continue;
            }
            if (stripped.endsWith("\\")) {
                current.append(stripped, 0, stripped.length() - 1).append(' ');
                continue;
            }
            current.append(stripped);
            if (current.length() > 0) {
                result.add(current.toString().strip());
            }
            current.setLength(0);
        }
        if (current.length() > 0) {
            result.add(current.toString().strip());
        }
        return result;
    }

    private void run(String text) {
        String user = null;
        List<String[]> deferred = new ArrayList<>();
        for (String instruction : instructions(text)) {
            String[] parts = instruction.split("\\s+", 2);
            String keyword = parts[0].toUpperCase(Locale.ROOT);
            String args = parts.length > 1 ? parts[1] : "";
            if (!INSTRUCTIONS.contains(keyword)) {
                cx.add(file, Rule.UNPARSEABLE, "unknown instruction " + parts[0]);
                continue;
            }
            switch (keyword) {
                case "FROM" -> from(args);
                case "COPY", "ADD" -> copy(args);
                case "USER" -> user = args.strip();
                case "EXPOSE" -> expose(args);
                case "HEALTHCHECK", "ENTRYPOINT", "CMD" -> deferred.add(new String[] {keyword, args});
                default -> { }
            }
        }
        for (String[] d : deferred) {
            execForm(d[0], d[1]);
        }
        if (user == null || !NUMERIC_USER.matcher(user).matches() || Long.parseLong(user.split(":")[0]) == 0) {
            cx.add(file, Rule.INSECURE, "USER must be a numeric non-root uid, is " + user);
        }
    }

    private void from(String args) {
        String[] words = args.strip().split("\\s+");
        List<String> refs = new ArrayList<>();
        for (String w : words) {
            if (!w.startsWith("--")) {
                refs.add(w);
            }
        }
        if (refs.isEmpty()) {
            cx.add(file, Rule.UNPARSEABLE, "FROM without an image");
            return;
        }
        if (!stages.contains(refs.get(0))) {
            cx.image(file, refs.get(0));
        }
        if (refs.size() == 3 && refs.get(1).equalsIgnoreCase("AS")) {
            stages.add(refs.get(2));
        }
    }

    private void copy(String args) {
        List<String> words = new ArrayList<>();
        for (String w : args.strip().split("\\s+")) {
            if (w.startsWith("--from=")) {
                return;
            }
            if (!w.startsWith("--")) {
                words.add(w);
            }
        }
        if (words.size() < 2) {
            cx.add(file, Rule.UNPARSEABLE, "COPY needs a source and a destination: " + args);
            return;
        }
        for (String source : words.subList(0, words.size() - 1)) {
            source(source.replaceAll("/+$", ""));
        }
    }

    private void source(String source) {
        copiedNames.add(Path.of(source).getFileName().toString());
        if (source.startsWith(FAST_JAR + "/")) {
            String entry = source.substring(FAST_JAR.length() + 1).split("/")[0];
            boolean built = Files.isDirectory(cx.repoRoot().resolve(FAST_JAR));
            if (!FAST_JAR_LAYOUT.contains(entry) || (built && !Files.exists(cx.repoRoot().resolve(source)))) {
                cx.add(file, Rule.MISSING_FILE, source);
            }
        } else if (!Files.exists(cx.repoRoot().resolve(source))) {
            cx.add(file, Rule.MISSING_FILE, source);
        }
    }

    private void expose(String args) {
        for (String port : args.strip().split("\\s+")) {
            if (!port.split("/")[0].equals(String.valueOf(cx.facts().httpPort()))) {
                cx.add(file, Rule.PORT, "EXPOSE " + port);
            }
        }
    }

    /** ENTRYPOINT, CMD and HEALTHCHECK CMD in exec form run a copied file; health paths are real. */
    private void execForm(String keyword, String args) {
        String command = args;
        if (keyword.equals("HEALTHCHECK")) {
            int at = args.indexOf("CMD ");
            if (args.strip().equals("NONE") || at < 0) {
                return;
            }
            command = args.substring(at + 4);
        }
        if (!command.strip().startsWith("[")) {
            cx.add(file, Rule.UNPARSEABLE, keyword + " is not in exec form");
            return;
        }
        List<String> argv = new ArrayList<>();
        Matcher m = JSON_STRING.matcher(command);
        while (m.find()) {
            argv.add(m.group(1));
        }
        if (argv.isEmpty()) {
            cx.add(file, Rule.UNPARSEABLE, keyword + " has no command");
            return;
        }
        String program = Path.of(argv.get(0)).getFileName().toString();
        if (argv.get(0).startsWith("/usr/local/bin/") && !copiedNames.contains(program)) {
            cx.add(file, Rule.MISSING_FILE, keyword + " runs " + argv.get(0) + ", which is not copied");
        }
        if (keyword.equals("HEALTHCHECK")) {
            argv.stream().skip(1).filter(a -> a.startsWith("/")).forEach(
                    path -> cx.healthPath(file, path, RegistryFacts.LIVE));
        }
    }
}
