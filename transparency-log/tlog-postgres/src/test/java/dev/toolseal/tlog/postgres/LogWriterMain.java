package dev.toolseal.tlog.postgres;

import dev.toolseal.tlog.engine.Log;
import dev.toolseal.tlog.engine.LogOptions;
import dev.toolseal.tlog.engine.PushbackException;
import dev.toolseal.tlog.engine.TestLogKey;
import io.agroal.api.AgroalDataSource;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A log writer in its own JVM, for the crash and multi-writer tests. Arguments:
 * {@code <jdbcUrl> <name> <threads> <entriesPerThread or -1 for endless>}. Each thread appends
 * {@code <name>-<thread>-<n>} and waits for it; every acknowledged entry is printed to stdout
 * as {@code ACK <index> <entry>}. A finite run waits until its last entry is integrated, then
 * prints {@code DONE} and exits 0.
 */
public final class LogWriterMain {
  private LogWriterMain() {}

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String name = args[1];
    int threads = Integer.parseInt(args[2]);
    long perThread = Long.parseLong(args[3]);
    PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
    LogOptions options = LogOptions.defaults()
        .withMaxWait(Duration.ofMillis(5))
        .withIntegrationBatch(500)
        .withIntegrationPoll(Duration.ofMillis(50))
        .withCheckpointInterval(Duration.ofMillis(150));
    AtomicLong highest = new AtomicLong(-1);
    try (AgroalDataSource pool = PooledDataSource.open(url, threads + 4);
        Log log = Log.start(new PostgresLogStore(pool), TestLogKey.signer(), options)) {
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        String prefix = name + "-" + t + "-";
        Thread w = new Thread(() -> append(log, prefix, perThread, out, highest));
        w.start();
        workers.add(w);
      }
      for (Thread w : workers) {
        w.join();
      }
      if (highest.get() >= 0) {
        log.awaitIntegrated(highest.get()).get(60, TimeUnit.SECONDS);
      }
    }
    out.println("DONE");
    out.flush();
  }

  private static void append(
      Log log, String prefix, long count, PrintStream out, AtomicLong highest) {
    for (long n = 0; count < 0 || n < count; n++) {
      String entry = prefix + n;
      long index;
      try {
        index = appendWithRetry(log, entry.getBytes(StandardCharsets.UTF_8));
      } catch (Exception e) {
        System.err.println("append failed: " + e);
        return;
      }
      highest.accumulateAndGet(index, Math::max);
      synchronized (out) {
        out.println("ACK " + index + " " + entry);
        out.flush();
      }
    }
  }

  private static long appendWithRetry(Log log, byte[] entry) throws Exception {
    while (true) {
      try {
        return log.append(entry).get(60, TimeUnit.SECONDS);
      } catch (PushbackException e) {
        Thread.sleep(e.retryAfter().toMillis());
      }
    }
  }
}
