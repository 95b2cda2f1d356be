package dev.toolseal.registry.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * A closed-loop load generator over loopback: {@code clients} threads, each sending its requests
 * one after another on a shared JDK {@link HttpClient}, latencies recorded per request.
 */
public final class LoadRun {

    /** What one run measured. */
    record Result(String name, int clients, long requests, long errors, double seconds, double p50Millis,
            double p99Millis) {
        double perSecond() {
            return requests / seconds;
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%-8s clients=%d requests=%d errors=%d time=%.2fs rate=%.0f/s "
                    + "p50=%.2fms p99=%.2fms", name, clients, requests, errors, seconds, perSecond(), p50Millis,
                    p99Millis);
        }
    }

    /** CPU time of finished load threads (the HTTP client's own threads are counted by {@link CpuMeter}). */
    static final AtomicLong CLIENT_CPU_NANOS = new AtomicLong();

    private LoadRun() {
    }

    /**
     * Runs {@code perClient} requests on each of {@code clients} threads; request {@code i} of client
     * {@code c} is {@code request.apply(c * perClient + i)}. A status other than {@code expected} is
     * an error.
     */
    static Result run(String name, HttpClient http, int clients, int perClient, int expected,
            IntFunction<HttpRequest> request) throws InterruptedException {
        long[][] latencies = new long[clients][perClient];
        AtomicLong errors = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            int client = c;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < perClient; i++) {
                    HttpRequest r = request.apply(client * perClient + i);
                    long t0 = System.nanoTime();
                    try {
                        HttpResponse<Void> response = http.send(r, HttpResponse.BodyHandlers.discarding());
                        if (response.statusCode() != expected) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                    latencies[client][i] = System.nanoTime() - t0;
                }
                CLIENT_CPU_NANOS.addAndGet(ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime());
            }, "load-" + c);
            thread.start();
            threads.add(thread);
        }
        for (Thread t : threads) {
            t.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        long[] all = Arrays.stream(latencies).flatMapToLong(Arrays::stream).sorted().toArray();
        return new Result(name, clients, all.length, errors.get(), seconds, percentile(all, 0.50),
                percentile(all, 0.99));
    }

    public static HttpRequest get(URI base, String path) {
        return HttpRequest.newBuilder(base.resolve(path)).GET().build();
    }

    public static HttpRequest post(URI base, String path, byte[] body) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
    }

    /** The {@code p} quantile of sorted nanosecond latencies, in milliseconds. */
    public static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e6;
    }
}
