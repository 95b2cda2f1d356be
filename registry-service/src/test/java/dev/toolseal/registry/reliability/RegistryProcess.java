package dev.toolseal.registry.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged registry ({@code quarkus-run.jar}) in a child JVM on a fixed port, pointed at the
 * suite's PostgreSQL. Several processes share one data directory, hence one log signing key.
 * Its console goes to a log file.
 */
final class RegistryProcess implements AutoCloseable {

    private final String name;
    private final Path jar;
    private final Path dataDirectory;
    private final String jdbcUrl;
    private final Path logFile;
    private final int port;
    private Process process;

    RegistryProcess(String name, Path jar, Path dataDirectory, String jdbcUrl, Path logFile) throws IOException {
        this.name = name;
        this.jar = jar;
        this.dataDirectory = dataDirectory;
        this.jdbcUrl = jdbcUrl;
        this.logFile = logFile;
        this.port = PostgresServer.freePort();
    }

    /** Starts the process (again, on the same port) and waits until it is ready. */
    void start(HttpClient http) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Xmx512m", "-jar", jar.toString()));
        Map<String, String> env = pb.environment();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl);
        env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
        env.put("TOOLSEAL_DATA_DIR", dataDirectory.toString());
        // the suite's publishers bind throwaway namespaces without ownership proofs
        env.put("TOOLSEAL_NAMESPACES_FIRST_COME", "true");
        Files.createDirectories(logFile.getParent());
        pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
        process = pb.start();
        awaitReady(http, Duration.ofSeconds(180));
    }

    private void awaitReady(HttpClient http, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException(name + " exited with " + process.exitValue() + "; see " + logFile);
            }
            try {
                HttpResponse<Void> r = http.send(HttpRequest.newBuilder(base().resolve("/q/health/ready"))
                        .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
                if (r.statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        throw new IOException(name + " not ready after " + timeout + "; see " + logFile);
    }

    URI base() {
        return URI.create("http://localhost:" + port + "/");
    }

    String name() {
        return name;
    }

    /** SIGKILL: no shutdown hook runs. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    /** Resident set size in KiB from /proc, or -1. */
    long rssKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }
}
