package dev.toolseal.registry.reliability;

import java.io.PrintStream;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The reliability suite ({@code ./bench reliability [--soak-minutes N] [--scenario-seconds N]
 * [--clients N]}): one PostgreSQL server process and two packaged registry processes on it, then
 * five scenarios (two writers, kill -9, PostgreSQL restart, bad input, soak). Results table on
 * stdout, progress on stderr; exit 0 when every property held, 1 when one was violated, 2 on
 * usage errors, 4 when the suite itself could not run.
 */
public final class ReliabilitySuite {

    private ReliabilitySuite() {
    }

    public static void main(String[] args) {
        System.exit(run(System.out, System.err, args));
    }

    static int run(PrintStream out, PrintStream err, String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("reliability: " + e.getMessage());
            err.println("usage: reliability --jar <quarkus-run.jar> [--work <dir>] [--soak-minutes N]"
                    + " [--scenario-seconds N] [--clients N]");
            return 2;
        }
        List<Row> rows = new ArrayList<>();
        List<String> soak = new ArrayList<>();
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try {
            Path work = options.work().resolve("run-" + started.toString().replace(":", ""));
            Files.createDirectories(work);
            err.println("reliability: work directory " + work + " (registry logs in it)");
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(java.time.Duration.ofSeconds(5)).build();
            try (PostgresServer postgres = PostgresServer.start(work.resolve("postgres"));
                    RegistryProcess a = new RegistryProcess("registry-a", options.jar(), work.resolve("data"),
                            postgres.jdbcUrl(), work.resolve("registry-a.log"));
                    RegistryProcess b = new RegistryProcess("registry-b", options.jar(), work.resolve("data"),
                            postgres.jdbcUrl(), work.resolve("registry-b.log"))) {
                a.start(http);
                b.start(http);
                err.println("reliability: PostgreSQL at " + postgres.jdbcUrl() + ", registries at " + a.base() + " and "
                        + b.base());
                Scenarios scenarios = new Scenarios(http, postgres, a, b, options, err);
                rows.add(scenarios.twoWriters());
                rows.add(scenarios.killNine());
                rows.add(scenarios.postgresRestart());
                rows.add(scenarios.badInput());
                rows.add(scenarios.soak(soak));
            }
        } catch (Exception e) {
            e.printStackTrace(err);
            print(out, started, options, rows, soak);
            return 4;
        }
        print(out, started, options, rows, soak);
        return rows.stream().allMatch(Row::passed) ? 0 : 1;
    }

    private static void print(PrintStream out, Instant started, Options options, List<Row> rows, List<String> soak) {
        out.println("Reliability suite, started " + started + ", " + options.clients() + " publisher clients, "
                + options.scenarioSeconds() + " s per scenario, soak " + options.soakMinutes() + " min");
        out.println();
        out.println("| scenario | result | measured |");
        out.println("|---|---|---|");
        for (Row row : rows) {
            out.println("| " + row.scenario + " | " + (row.passed() ? "PASS" : "FAIL") + " | "
                    + String.join("; ", row.facts) + " |");
        }
        for (Row row : rows) {
            for (String v : row.violations) {
                out.println("VIOLATED (" + row.scenario + "): " + v);
            }
        }
        if (!soak.isEmpty()) {
            out.println();
            soak.forEach(out::println);
        }
    }

    /** Command line options. */
    record Options(Path jar, Path work, int soakMinutes, int scenarioSeconds, int clients) {
        static Options parse(String[] args) {
            Path jar = null;
            Path work = Path.of("target", "reliability");
            int soak = 10;
            int seconds = 30;
            int clients = 8;
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : null;
                switch (args[i]) {
                    case "--jar" -> jar = Path.of(require(args[i], value));
                    case "--work" -> work = Path.of(require(args[i], value));
                    case "--soak-minutes" -> soak = positive(args[i], value, 0);
                    case "--scenario-seconds" -> seconds = positive(args[i], value, 6);
                    case "--clients" -> clients = positive(args[i], value, 2);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
                i++;
            }
            if (jar == null || !Files.isRegularFile(jar)) {
                throw new IllegalArgumentException("no registry jar at " + jar
                        + " (./mvnw -pl registry-service -am package -DskipTests)");
            }
            return new Options(jar.toAbsolutePath(), work.toAbsolutePath(), soak, seconds, clients);
        }

        private static String require(String option, String value) {
            if (value == null) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return value;
        }

        private static int positive(String option, String value, int min) {
            try {
                int n = Integer.parseInt(require(option, value));
                if (n < min) {
                    throw new IllegalArgumentException(option + " must be at least " + min);
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(option + " needs a number");
            }
        }
    }
}
