package dev.toolseal.registry.bench;

import dev.toolseal.registry.database.EmbeddedDatabase;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.sql.DataSource;

/**
 * Where a phase's CPU went (Linux): this JVM (load generator and Quarkus together), the embedded
 * PostgreSQL's processes, and the whole machine (which includes anything else running); plus
 * PostgreSQL's WAL syncs (fsyncs) and commits. Differences of two snapshots.
 */
final class CpuMeter {

    /** Clock ticks per second of /proc (USER_HZ, 100 on Linux). */
    private static final double HZ = 100;

    record Snapshot(long nanos, double jvmMillis, double clientMillis, double jitMillis, double gcMillis,
            double pgMillis, double busyMillis, double totalMillis, long walSyncs, long commits) {
    }

    private final DataSource dataSource;

    CpuMeter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    Snapshot take() throws IOException, SQLException {
        double jvm = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e6;
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        long idle = Long.parseLong(cpu[4]) + Long.parseLong(cpu[5]);
        long total = 0;
        for (int i = 1; i < Math.min(cpu.length, 9); i++) {
            total += Long.parseLong(cpu[i]);
        }
        long walSyncs;
        long commits;
        try (Connection c = dataSource.getConnection(); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SELECT (SELECT wal_sync FROM pg_stat_wal), "
                        + "(SELECT xact_commit FROM pg_stat_database WHERE datname = current_database())")) {
            rs.next();
            walSyncs = rs.getLong(1);
            commits = rs.getLong(2);
        }
        double[] vm = vmThreadMillis();
        return new Snapshot(System.nanoTime(), jvm, clientMillis(), vm[0], vm[1], postgresTicks() * 1000 / HZ, (total - idle) * 1000 / HZ,
                total * 1000 / HZ, walSyncs, commits);
    }

    /** CPU of one phase of {@code requests} requests, per request, and WAL syncs per second. */
    static String describe(Snapshot a, Snapshot b, long requests) {
        double seconds = (b.nanos() - a.nanos()) / 1e9;
        double client = (b.clientMillis() - a.clientMillis()) / requests;
        double jit = (b.jitMillis() - a.jitMillis()) / requests;
        double gc = (b.gcMillis() - a.gcMillis()) / requests;
        return String.format(Locale.ROOT, "cpu per request: service %.2f ms + load generator %.2f ms + jit %.2f ms "
                + "+ gc %.2f ms (one jvm), postgres %.2f ms; machine %.2f ms (busy %.0f%%); wal syncs %.0f/s, "
                + "commits %.0f/s",
                (b.jvmMillis() - a.jvmMillis()) / requests - client - jit - gc, client, jit, gc,
                (b.pgMillis() - a.pgMillis()) / requests,
                (b.busyMillis() - a.busyMillis()) / requests,
                100 * (b.busyMillis() - a.busyMillis()) / Math.max(1, b.totalMillis() - a.totalMillis()),
                (b.walSyncs() - a.walSyncs()) / seconds, (b.commits() - a.commits()) / seconds);
    }

    /** CPU of the load generator: finished load threads plus the JDK HttpClient's live threads. */
    private static double clientMillis() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long nanos = LoadRun.CLIENT_CPU_NANOS.get();
        for (ThreadInfo info : threads.getThreadInfo(threads.getAllThreadIds())) {
            if (info != null && info.getThreadName().startsWith("HttpClient-")) {
                nanos += Math.max(0, threads.getThreadCpuTime(info.getThreadId()));
            }
        }
        return nanos / 1e6;
    }

    /** CPU of this JVM's JIT compiler threads and garbage collector threads (from /proc/self/task). */
    private static double[] vmThreadMillis() throws IOException {
        double jit = 0;
        double gc = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc/self/task"))) {
            for (Path t : tasks.toList()) {
                String raw;
                try {
                    raw = Files.readString(t.resolve("stat"));
                } catch (IOException e) {
                    continue; // the thread ended
                }
                String name = raw.substring(raw.indexOf('(') + 1, raw.lastIndexOf(')'));
                String[] f = raw.substring(raw.lastIndexOf(')') + 2).split(" ");
                double millis = (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 1000 / HZ;
                if (name.contains("CompilerThre")) {
                    jit += millis;
                } else if (name.startsWith("GC Thread") || name.startsWith("G1 ")) {
                    gc += millis;
                }
            }
        }
        return new double[] {jit, gc};
    }

    /** utime + stime of the embedded postmaster and its children, in ticks; 0 if not found. */
    private static long postgresTicks() throws IOException {
        var server = EmbeddedDatabase.current();
        if (server.isEmpty()) {
            return 0;
        }
        Path pidFile = server.get().dataDirectory().resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return 0;
        }
        String postmaster = Files.readAllLines(pidFile).get(0).trim();
        long ticks = 0;
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : procs.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                List<String> f = stat(p);
                if (f.size() > 15 && (p.getFileName().toString().equals(postmaster) || f.get(1).equals(postmaster))) {
                    ticks += Long.parseLong(f.get(11)) + Long.parseLong(f.get(12));
                }
            }
        }
        return ticks;
    }

    /** Fields of /proc/<pid>/stat after the command: state, ppid, ..., utime at 11, stime at 12. */
    private static List<String> stat(Path proc) {
        try {
            String s = Files.readString(proc.resolve("stat"));
            return List.of(s.substring(s.lastIndexOf(')') + 2).split(" "));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
