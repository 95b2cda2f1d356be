package dev.toolseal.deploy;

import java.nio.file.Path;

/** Where the tests find deploy/ and the repository, from the surefire configuration in deploy/pom.xml. */
final class Repo {

    private Repo() {
    }

    static Path deployDir() {
        return Path.of(System.getProperty("toolseal.deploy.dir", ".")).toAbsolutePath().normalize();
    }

    static Path root() {
        return Path.of(System.getProperty("toolseal.repo.root", "..")).toAbsolutePath().normalize();
    }

    static String version() {
        return System.getProperty("toolseal.project.version", "0.1.0-SNAPSHOT");
    }

    static RegistryFacts facts() throws Exception {
        return RegistryFacts.read(root(), version());
    }
}
