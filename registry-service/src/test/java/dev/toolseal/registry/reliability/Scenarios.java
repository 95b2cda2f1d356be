package dev.toolseal.registry.reliability;

import dev.toolseal.registry.bench.LoadRun;
import dev.toolseal.registry.write.BadInputCorpus;
import dev.toolseal.registry.write.RegistrySnapshot;
import dev.toolseal.registry.write.Signed;
import dev.toolseal.verifier.keys.KeyPairs;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The five scenarios, each returning its row of the results table. */
final class Scenarios {

    private final HttpClient http;
    private final PostgresServer postgres;
    private final RegistryProcess a;
    private final RegistryProcess b;
    private final ReliabilitySuite.Options options;
    private final PrintStream progress;
    private int runs;

    Scenarios(HttpClient http, PostgresServer postgres, RegistryProcess a, RegistryProcess b,
            ReliabilitySuite.Options options, PrintStream progress) {
        this.http = http;
        this.postgres = postgres;
        this.a = a;
        this.b = b;
        this.options = options;
        this.progress = progress;
    }

    private void say(String what) {
        progress.println(Instant.now() + " reliability: " + what);
    }

    private Publishers publishers(int clients) throws Exception {
        return new Publishers(http, a.base(), clients, "r" + (++runs));
    }

    private URI either(int client) {
        return client % 2 == 0 ? a.base() : b.base();
    }

    private static String latency(String what, Load.Stats s) {
        return String.format(Locale.ROOT, "%s %s, p50 %.0f ms, p99 %.0f ms", what, s.statusText(), s.p50Millis(),
                s.p99Millis());
    }

    /** Both registries take publishes at once: no lost release, one linear log, consistent checkpoints. */
    Row twoWriters() throws Exception {
        say("two writers: " + options.clients() + " publishers over both registries for " + options.scenarioSeconds() + " s");
        Row row = new Row("two registries, one PostgreSQL");
        Publishers pubs = publishers(options.clients());
        LogAuditor auditor = new LogAuditor(http, a.base());
        auditor.startSampling(() -> List.of(a.base(), b.base()));
        Load load = new Load("publish", pubs.clients(), 0, pubs.publish(this::either)).start();
        Thread.sleep(options.scenarioSeconds() * 1000L);
        load.stop();
        auditor.stopSampling();
        Load.Stats s = load.total();
        row.fact(latency("publishes", s));
        row.require(s.countOutside(201, 503) == 0, "publishes answer 201 (or 503 pushback) only");
        say("two writers: auditing " + pubs.acks().size() + " acknowledged publishes");
        row.addAudit(auditor.audit(b.base(), pubs.acks()), pubs.acks().size());
        return row;
    }

    /** kill -9 of one registry under load, then restart: every acknowledged publish is there. */
    Row killNine() throws Exception {
        int third = options.scenarioSeconds() / 3;
        say("kill -9: load on both registries, SIGKILL of " + a.name() + " after " + third + " s");
        Row row = new Row("kill -9 of a registry under load");
        Publishers pubs = publishers(options.clients());
        LogAuditor auditor = new LogAuditor(http, b.base());
        auditor.startSampling(() -> List.of(a.base(), b.base()));
        Load load = new Load("publish", pubs.clients(), 0, pubs.publish(this::either)).start();
        Thread.sleep(third * 1000L);
        a.kill();
        int ackedAtKill = pubs.acks().size();
        say("kill -9: killed " + a.name() + " with " + ackedAtKill + " publishes acknowledged; restarting it");
        long t0 = System.nanoTime();
        a.start(http);
        double restart = (System.nanoTime() - t0) / 1e9;
        Thread.sleep(third * 1000L);
        load.stop();
        auditor.stopSampling();
        Load.Stats s = load.total();
        row.fact(latency("publishes", s));
        row.fact(String.format(Locale.ROOT, "acked before the kill %d, restart to ready %.1f s", ackedAtKill, restart));
        row.require(ackedAtKill > 0, "publishes were acknowledged before the kill");
        row.require(s.countOutside(201, 503, -1) == 0, "publishes answer 201, 503 or (while killed) nothing");
        say("kill -9: auditing " + pubs.acks().size() + " acknowledged publishes");
        row.addAudit(auditor.audit(a.base(), pubs.acks()), pubs.acks().size());
        return row;
    }

    /** PostgreSQL stopped under load: 503 while down, recovery without a registry restart. */
    Row postgresRestart() throws Exception {
        int third = options.scenarioSeconds() / 3;
        say("PostgreSQL restart: load on both registries, PostgreSQL down for " + third + " s");
        Row row = new Row("PostgreSQL restart under load");
        Publishers pubs = publishers(options.clients());
        LogAuditor auditor = new LogAuditor(http, a.base());
        auditor.startSampling(() -> List.of(a.base(), b.base()));
        Load load = new Load("publish", pubs.clients(), 0, pubs.publish(this::either)).start();
        Load browse = new Load("browse", 2, 0, pubs.browse(this::either)).start();
        Thread.sleep(third * 1000L);
        load.window();
        browse.window();
        postgres.stop();
        say("PostgreSQL restart: stopped PostgreSQL");
        Thread.sleep(Math.max(1, third - 2) * 1000L);
        Map<String, String> down = probes();
        Load.Stats publishDown = load.window();
        Load.Stats browseDown = browse.window();
        postgres.startAgain();
        say("PostgreSQL restart: started PostgreSQL again; waiting for both registries to publish");
        long t0 = System.nanoTime();
        double recoveredA = recover(a.base(), pubs);
        double recoveredB = recover(b.base(), pubs);
        Thread.sleep(third * 1000L);
        load.stop();
        browse.stop();
        auditor.stopSampling();
        row.fact(latency("while down: publishes", publishDown));
        row.fact(latency("browse", browseDown));
        row.fact("probes while down " + down);
        row.fact(String.format(Locale.ROOT, "recovered (first 201) after %.1f s (A), %.1f s (B)", recoveredA,
                recoveredB));
        row.fact(latency("whole run: publishes", load.total()));
        row.fact(latency("browse", browse.total()));
        row.require(publishDown.count(503) > 0, "publishes answer 503 while PostgreSQL is down");
        row.require(publishDown.countOutside(201, 503) == 0, "no publish answer but 201/503 while down (none missing)");
        row.require(browseDown.countOutside(200, 503) == 0, "no browse answer but 200/503 while down (none missing)");
        row.require(down.values().stream().allMatch(v -> v.startsWith("503")), "probes answer 503 while down");
        row.require(down.get("publish").contains("retry-after"), "a 503 publish carries Retry-After");
        row.require(recoveredA >= 0 && recoveredB >= 0, "both registries recover alone within 60 s");
        row.require(load.total().countOutside(201, 503) == 0, "publishes answer 201 or 503 only");
        row.require(browse.total().countOutside(200, 503) == 0, "browse answers 200 or 503 only");
        say("PostgreSQL restart: auditing " + pubs.acks().size() + " acknowledged publishes ("
                + String.format(Locale.ROOT, "%.1f", (System.nanoTime() - t0) / 1e9) + " s since restart)");
        row.addAudit(auditor.audit(a.base(), pubs.acks()), pubs.acks().size());
        return row;
    }

    /** Single requests while the database is down: status and, for 503, whether Retry-After is set. */
    private Map<String, String> probes() throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        var key = KeyPairs.generate();
        String ns = Signed.freshNamespace();
        out.put("publish", probe(LoadRun.post(a.base(), "/v1/releases",
                Signed.release(key, ns + "/x", "1.0.0", "probe").toJson())));
        out.put("challenge", probe(LoadRun.post(b.base(), "/v1/keys/challenge", new byte[0])));
        // a nonce the registry never issued: only the database could tell, so it must answer 503
        out.put("bind", probe(LoadRun.post(b.base(), "/v1/keys/bind",
                Signed.binding(key, ns, Optional.of("never-issued-while-down")).toJson())));
        out.put("servers", probe(LoadRun.get(a.base(), "/v1/servers?limit=5")));
        out.put("entry", probe(LoadRun.get(b.base(), "/v1/log/entries/0")));
        out.put("proof", probe(LoadRun.get(a.base(), "/v1/log/proof/inclusion?index=0&size=1")));
        out.put("tile", probe(LoadRun.get(a.base(), "/log/tile/0/000.p/1")));
        out.put("ready", probe(LoadRun.get(b.base(), "/q/health/ready")));
        return out;
    }

    private String probe(java.net.http.HttpRequest request) throws Exception {
        try {
            HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
            return r.statusCode() + (r.headers().firstValue("Retry-After").isPresent() ? " retry-after" : "")
                    + (r.headers().firstValue("Content-Type").orElse("").contains("problem") ? " problem" : "");
        } catch (java.io.IOException e) {
            return "no answer";
        }
    }

    /** Seconds until a publish through {@code base} is acknowledged, or -1 after 60 s. */
    private double recover(URI base, Publishers pubs) throws Exception {
        long t0 = System.nanoTime();
        Load.Action publish = pubs.publish(c -> base);
        for (long seq = 1_000_000; System.nanoTime() - t0 < 60_000_000_000L; seq++) {
            if (publish.run(0, seq) == 201) {
                return (System.nanoTime() - t0) / 1e9;
            }
            Thread.sleep(200);
        }
        return -1;
    }

    /** The generated corpus against a registry process: all 4xx problems, nothing stored. */
    Row badInput() throws Exception {
        say("bad input: preparing the corpus");
        Row row = new Row("bad-input corpus");
        BadInputCorpus corpus = BadInputCorpus.prepare(http, a.base());
        Map<String, Long> before = counts();
        List<BadInputCorpus.Outcome> outcomes = corpus.run();
        Map<String, Long> after = counts();
        List<BadInputCorpus.Outcome> wrong = outcomes.stream().filter(o -> !o.refusedProperly()).toList();
        Map<Integer, Long> statuses = outcomes.stream()
                .collect(Collectors.groupingBy(BadInputCorpus.Outcome::status, java.util.TreeMap::new, Collectors.counting()));
        long types = outcomes.stream().map(BadInputCorpus.Outcome::type).distinct().count();
        row.fact(outcomes.size() + " requests, statuses " + statuses + ", " + types + " problem types");
        row.fact("rows and log size before " + before + (before.equals(after) ? ", unchanged" : ", after " + after));
        row.require(outcomes.size() >= 200, "at least 200 cases");
        wrong.stream().limit(20).forEach(o -> row.require(false, "refused with a 4xx problem: " + o));
        row.require(before.equals(after), "nothing stored");
        return row;
    }

    private Map<String, Long> counts() throws Exception {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection c = postgres.connect(); Statement st = c.createStatement()) {
            for (String table : RegistrySnapshot.TABLES) {
                counts.put(table, count(st, "SELECT count(*) FROM " + table));
            }
            counts.put("log", count(st, "SELECT next_index FROM tlog_sequence"));
        }
        return counts;
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** Steady publish and browse load on one registry for the soak minutes; memory and latency per minute. */
    Row soak(List<String> table) throws Exception {
        Row row = new Row("soak " + options.soakMinutes() + " min");
        if (options.soakMinutes() == 0) {
            return row.fact("skipped");
        }
        double publishRate = 10;
        double browseRate = 40;
        say("soak: " + publishRate + " publishes/s and " + browseRate + " browse GETs/s on " + a.name() + " for "
                + options.soakMinutes() + " min");
        Publishers pubs = publishers(4);
        LogAuditor auditor = new LogAuditor(http, a.base());
        auditor.startSampling(() -> List.of(a.base()));
        Load load = new Load("publish", 4, publishRate / 4, pubs.publish(c -> a.base())).start();
        Load browse = new Load("browse", 4, browseRate / 4, pubs.browse(c -> a.base())).start();
        table.add("Soak on " + a.name() + ": " + publishRate + " publishes/s + " + browseRate + " browse GETs/s (paced)");
        table.add("");
        table.add("| minute | publishes | publish p50 / p99 ms | browse GETs | browse p50 / p99 ms | RSS MiB | heap used MiB |");
        table.add("|---|---|---|---|---|---|---|");
        table.add(String.format(Locale.ROOT, "| 0 | - | - | - | - | %d | %d |", a.rssKib() / 1024, heapMib(a.base())));
        for (int minute = 1; minute <= options.soakMinutes(); minute++) {
            Thread.sleep(60_000);
            Load.Stats p = load.window();
            Load.Stats g = browse.window();
            String line = String.format(Locale.ROOT, "| %d | %s | %.0f / %.0f | %s | %.0f / %.0f | %d | %d |", minute,
                    p.statusText(), p.p50Millis(), p.p99Millis(), g.statusText(), g.p50Millis(), g.p99Millis(),
                    a.rssKib() / 1024, heapMib(a.base()));
            table.add(line);
            say("soak: " + line);
        }
        load.stop();
        browse.stop();
        auditor.stopSampling();
        row.fact(latency("publishes", load.total()));
        row.fact(latency("browse", browse.total()));
        row.require(load.total().countOutside(201) == 0, "every soak publish answered 201");
        row.require(browse.total().countOutside(200) == 0, "every soak browse answered 200");
        say("soak: auditing " + pubs.acks().size() + " acknowledged publishes");
        row.addAudit(auditor.audit(a.base(), pubs.acks()), pubs.acks().size());
        return row;
    }

    /** Heap in use from the registry's Prometheus metrics, MiB, or -1. */
    private long heapMib(URI base) {
        try {
            String metrics = http.send(LoadRun.get(base, "/q/metrics"), HttpResponse.BodyHandlers.ofString()).body();
            double bytes = 0;
            for (String line : metrics.split("\n")) {
                if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
                    bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return (long) (bytes / (1024 * 1024));
        } catch (Exception e) {
            return -1;
        }
    }
}
