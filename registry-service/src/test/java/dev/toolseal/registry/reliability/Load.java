package dev.toolseal.registry.reliability;

import dev.toolseal.registry.bench.LoadRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Client threads repeating one action until stopped, closed loop or paced to a rate per client,
 * recording each answer's status (-1 for no answer) and latency, in total and per window.
 */
final class Load {

    /** One request; returns its HTTP status, or -1 when no answer came. */
    interface Action {
        int run(int client, long sequence) throws Exception;
    }

    /** What a load (or one window of it) saw. */
    record Stats(long requests, Map<Integer, Long> statuses, double p50Millis, double p99Millis) {
        long count(int status) {
            return statuses.getOrDefault(status, 0L);
        }

        long countOutside(int... allowed) {
            long n = 0;
            for (Map.Entry<Integer, Long> e : statuses.entrySet()) {
                boolean ok = false;
                for (int a : allowed) {
                    ok |= e.getKey() == a;
                }
                n += ok ? 0 : e.getValue();
            }
            return n;
        }

        String statusText() {
            StringBuilder b = new StringBuilder();
            statuses.forEach((k, v) -> b.append(b.length() == 0 ? "" : " ").append(k == -1 ? "none" : k).append(':').append(v));
            return b.toString();
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%d requests [%s] p50=%.1fms p99=%.1fms", requests, statusText(),
                    p50Millis, p99Millis);
        }
    }

    /** Latencies and statuses since some point. */
    private static final class Recorder {
        private long[] latencies = new long[1024];
        private int size;
        private final Map<Integer, Long> statuses = new TreeMap<>();

        void add(int status, long nanos) {
            if (size == latencies.length) {
                latencies = java.util.Arrays.copyOf(latencies, size * 2);
            }
            latencies[size++] = nanos;
            statuses.merge(status, 1L, Long::sum);
        }

        Stats stats() {
            long[] sorted = java.util.Arrays.copyOf(latencies, size);
            java.util.Arrays.sort(sorted);
            return new Stats(size, new TreeMap<>(statuses), LoadRun.percentile(sorted, 0.50),
                    LoadRun.percentile(sorted, 0.99));
        }
    }

    private final String name;
    private final int clients;
    private final double ratePerClient;
    private final Action action;
    private final List<Thread> threads = new ArrayList<>();
    private volatile boolean stopping;
    private Recorder total = new Recorder();
    private Recorder window = new Recorder();

    /** {@code ratePerClient} requests per second per client, or 0 for a closed loop. */
    Load(String name, int clients, double ratePerClient, Action action) {
        this.name = name;
        this.clients = clients;
        this.ratePerClient = ratePerClient;
        this.action = action;
    }

    Load start() {
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread t = new Thread(() -> loop(client), name + "-" + c);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        return this;
    }

    private void loop(int client) {
        long interval = ratePerClient > 0 ? (long) (1e9 / ratePerClient) : 0;
        long next = System.nanoTime() + (interval > 0 ? interval * client / clients : 0);
        for (long seq = 0; !stopping; seq++) {
            if (interval > 0) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                next += interval;
            }
            long t0 = System.nanoTime();
            int status;
            try {
                status = action.run(client, seq);
            } catch (Exception e) {
                status = -1;
            }
            record(status, System.nanoTime() - t0);
        }
    }

    private synchronized void record(int status, long nanos) {
        total.add(status, nanos);
        window.add(status, nanos);
    }

    /** Stops every client after its current request. */
    void stop() throws InterruptedException {
        stopping = true;
        for (Thread t : threads) {
            t.join(120_000);
        }
    }

    synchronized Stats total() {
        return total.stats();
    }

    /** What was seen since the previous call (or the start). */
    synchronized Stats window() {
        Stats s = window.stats();
        window = new Recorder();
        return s;
    }

    /** Forgets everything recorded so far. */
    synchronized void reset() {
        total = new Recorder();
        window = new Recorder();
    }
}
