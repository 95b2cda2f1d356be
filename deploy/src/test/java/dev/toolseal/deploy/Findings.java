package dev.toolseal.deploy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Collects findings with file names relative to the deploy directory. */
final class Findings {

    private final Path deployDir;
    private final List<Finding> all = new ArrayList<>();

    Findings(Path deployDir) {
        this.deployDir = deployDir;
    }

    void add(Path file, Rule rule, String detail) {
        String name = file.startsWith(deployDir) ? deployDir.relativize(file).toString() : file.toString();
        all.add(new Finding(name.replace('\\', '/'), rule, detail));
    }

    List<Finding> list() {
        return List.copyOf(all);
    }
}
