package dev.toolseal.tlog.postgres.bench;

import dev.toolseal.tlog.Hash;
import dev.toolseal.tlog.MerkleTree;
import dev.toolseal.tlog.engine.Log;
import dev.toolseal.tlog.engine.LogOptions;
import dev.toolseal.tlog.engine.LogReader;
import dev.toolseal.tlog.engine.PublishedCheckpoint;
import dev.toolseal.tlog.engine.PushbackException;
import dev.toolseal.tlog.engine.TestLogKey;
import dev.toolseal.tlog.postgres.PooledDataSource;
import dev.toolseal.tlog.postgres.PostgresLogStore;
import io.agroal.api.AgroalDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The log engine's benchmark (not a test): sustained appends per second with 1, 8 and 64
 * concurrent appenders that each wait for their entry's index, integration lag, proof latency
 * from tiles, and bytes stored per entry. Results on stdout, progress on stderr. Run it as the
 * module README says.
 */
public final class TlogBench {
  private final BenchOptions options;
  private final PrintStream out;
  private final PrintStream err;

  private TlogBench(BenchOptions options, PrintStream out, PrintStream err) {
    this.options = options;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) throws Exception {
    int code = run(System.out, System.err, args);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** Runs the benchmark; returns 0, or 2 for bad options. */
  static int run(PrintStream out, PrintStream err, String[] args) throws Exception {
    BenchOptions options;
    try {
      options = BenchOptions.parse(args);
    } catch (IllegalArgumentException e) {
      err.println(e.getMessage());
      err.println(BenchOptions.USAGE);
      return 2;
    }
    if (options.jdbcUrl() != null) {
      new TlogBench(options, out, err).runOn(options.jdbcUrl());
      return 0;
    }
    Path dir = Files.createTempDirectory("tlog-bench-pg");
    try (EmbeddedPostgres pg = EmbeddedPostgres.builder()
        .setDataDirectory(dir)
        .setCleanDataDirectory(true)
        .setServerConfig("synchronous_commit", "on")
        .setServerConfig("fsync", "on")
        .start()) {
      err.println("embedded PostgreSQL in " + dir);
      new TlogBench(options, out, err).runOn(pg.getJdbcUrl("postgres", "postgres"));
    }
    return 0;
  }

  private void runOn(String url) throws Exception {
    try (AgroalDataSource pool = PooledDataSource.open(url, 12)) {
      PostgresLogStore.migrate(pool);
      PostgresLogStore store = new PostgresLogStore(pool);
      if (store.sequencedSize() != 0) {
        throw new IllegalStateException("the database already holds a log; use an empty one");
      }
      LogOptions logOptions = LogOptions.defaults()
          .withQueueCapacity(8192)
          .withMaxWait(Duration.ofMillis(options.maxWaitMillis()))
          .withIntegrationBatch(options.integrationBatch())
          .withIntegrationPoll(Duration.ofMillis(100));
      out.printf("entries: %d of %d bytes; max wait %d ms; integration batch %d%n",
          options.entries(), options.entrySize(), options.maxWaitMillis(),
          options.integrationBatch());
      AtomicLong counter = new AtomicLong();
      try (Log log = Log.start(store, TestLogKey.signer(), logOptions)) {
        for (int i = 0; i < options.appenders().size(); i++) {
          AppendPhase phase = new AppendPhase(log, store, options.appenders().get(i),
              options.entriesOfPhase(i), options.entrySize(), counter, err);
          out.println(phase.run());
        }
      }
      PublishedCheckpoint cp = store.latestCheckpoint().orElseThrow();
      out.printf("log size %d, latest checkpoint %d%n", store.sequencedSize(), cp.size());
      measureProofs(store, cp);
      measureBytes(pool, cp.size());
    }
  }

  private void measureProofs(PostgresLogStore store, PublishedCheckpoint cp) throws Exception {
    LogReader reader = new LogReader(store);
    SplittableRandom random = new SplittableRandom(1);
    long[] inclusion = new long[options.proofs()];
    long[] consistency = new long[options.proofs()];
    for (int i = 0; i < options.proofs(); i++) {
      long index = random.nextLong(cp.size());
      long t0 = System.nanoTime();
      List<Hash> proof = reader.inclusionProof(index, cp.size());
      inclusion[i] = System.nanoTime() - t0;
      Hash leaf = store.readLeaves(index, 1).get(0).hash();
      MerkleTree.verifyInclusion(leaf, index, cp.size(), proof, cp.root());

      long size1 = 1 + random.nextLong(cp.size());
      t0 = System.nanoTime();
      List<Hash> cproof = reader.consistencyProof(size1, cp.size());
      consistency[i] = System.nanoTime() - t0;
      MerkleTree.verifyConsistency(
          size1, cp.size(), cproof, reader.treeHash(size1), cp.root());
      if (i % 500 == 499) {
        err.printf("proofs: %d/%d%n", i + 1, options.proofs());
      }
    }
    out.printf("inclusion proof (tree %d): p50 %.2f ms, p99 %.2f ms%n",
        cp.size(), percentile(inclusion, 50), percentile(inclusion, 99));
    out.printf("consistency proof (to %d): p50 %.2f ms, p99 %.2f ms%n",
        cp.size(), percentile(consistency, 50), percentile(consistency, 99));
  }

  private static double percentile(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    int at = (int) Math.min(sorted.length - 1, Math.ceil(p / 100.0 * sorted.length) - 1);
    return sorted[Math.max(0, at)] / 1e6;
  }

  private void measureBytes(AgroalDataSource pool, long entries) throws Exception {
    try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
      s.execute("VACUUM ANALYZE");
      out.printf("bytes stored per entry after VACUUM: %s%n", sizes(s, entries));
      s.execute("VACUUM FULL");
      out.printf("bytes stored per entry after VACUUM FULL: %s%n", sizes(s, entries));
    }
  }

  private String sizes(Statement s, long entries) throws Exception {
    List<String> tables = List.of("tlog_entries", "tlog_tiles", "tlog_entry_bundles",
        "tlog_checkpoint_history", "tlog_checkpoint", "tlog_sequence");
    long total = 0;
    List<String> parts = new ArrayList<>();
    for (String t : tables) {
      try (ResultSet rs = s.executeQuery("SELECT pg_total_relation_size('" + t + "')")) {
        rs.next();
        long bytes = rs.getLong(1);
        total += bytes;
        parts.add(String.format("%s %.1f", t, (double) bytes / entries));
      }
    }
    return String.format("%.1f (%s; entry payload %d)",
        (double) total / entries, String.join(", ", parts), options.entrySize());
  }

  /** One phase: {@code appenders} threads append {@code count} entries, each waiting. */
  private static final class AppendPhase {
    private final Log log;
    private final PostgresLogStore store;
    private final int appenders;
    private final long count;
    private final int entrySize;
    private final AtomicLong counter;
    private final PrintStream err;
    private final AtomicLong remaining;
    private final AtomicLong highest = new AtomicLong(-1);
    private final AtomicLong pushbacks = new AtomicLong();
    private volatile boolean running = true;

    AppendPhase(Log log, PostgresLogStore store, int appenders, long count, int entrySize,
        AtomicLong counter, PrintStream err) {
      this.log = log;
      this.store = store;
      this.appenders = appenders;
      this.count = count;
      this.entrySize = entrySize;
      this.counter = counter;
      this.err = err;
      this.remaining = new AtomicLong(count);
    }

    String run() throws Exception {
      List<Thread> threads = new ArrayList<>();
      long t0 = System.nanoTime();
      for (int i = 0; i < appenders; i++) {
        Thread t = new Thread(this::appendLoop, "appender-" + i);
        t.start();
        threads.add(t);
      }
      LagSampler lag = new LagSampler();
      Thread sampler = new Thread(lag, "lag-sampler");
      sampler.start();
      for (Thread t : threads) {
        t.join();
      }
      long appended = System.nanoTime() - t0;
      log.awaitIntegrated(highest.get()).get(10, TimeUnit.MINUTES);
      long caughtUp = System.nanoTime() - t0 - appended;
      running = false;
      sampler.join();
      double seconds = appended / 1e9;
      return String.format("appenders %d: %d entries in %.1f s = %.0f entries/s;"
              + " integration lag max %d entries, mean %.0f; caught up %.0f ms after the last"
              + " ack; pushbacks %d",
          appenders, count, seconds, count / seconds, lag.max, lag.mean(),
          caughtUp / 1e6, pushbacks.get());
    }

    private void appendLoop() {
      while (remaining.getAndDecrement() > 0) {
        byte[] entry = entry(counter.getAndIncrement(), entrySize);
        try {
          long index = appendWithRetry(entry);
          highest.accumulateAndGet(index, Math::max);
        } catch (Exception e) {
          err.println("append failed: " + e);
          return;
        }
      }
    }

    private long appendWithRetry(byte[] entry) throws Exception {
      while (true) {
        try {
          return log.append(entry).get(5, TimeUnit.MINUTES);
        } catch (PushbackException e) {
          pushbacks.incrementAndGet();
          Thread.sleep(Math.max(1, e.retryAfter().toMillis() / 100));
        }
      }
    }

    /** Samples sequenced-but-unintegrated entries every 250 ms; progress every 2 s. */
    private final class LagSampler implements Runnable {
      long max;
      long sum;
      long samples;

      double mean() {
        return samples == 0 ? 0 : (double) sum / samples;
      }

      @Override
      public void run() {
        long lastReport = System.nanoTime();
        while (running) {
          try {
            Thread.sleep(250);
            long acked = highest.get() + 1;
            long integrated =
                store.latestCheckpoint().map(PublishedCheckpoint::size).orElse(0L);
            long lag = Math.max(0, acked - integrated);
            max = Math.max(max, lag);
            sum += lag;
            samples++;
            if (System.nanoTime() - lastReport > 2_000_000_000L) {
              lastReport = System.nanoTime();
              err.printf("appenders %d: %d/%d appended, integrated %d, lag %d%n",
                  appenders, count - Math.max(0, remaining.get()), count, integrated, lag);
            }
          } catch (Exception e) {
            err.println("lag sampling failed: " + e);
            return;
          }
        }
      }
    }
  }

  /**
   * A distinct entry of {@code size} bytes shaped like a log leaf: its number, then lower-case
   * hex (as compressible as the digests in a real leaf, which plain filler would not be).
   */
  static byte[] entry(long n, int size) {
    byte[] b = new byte[size];
    SplittableRandom random = new SplittableRandom(n);
    byte[] hex = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    for (int i = 0; i < size; i++) {
      b[i] = hex[random.nextInt(16)];
    }
    byte[] head = String.format("{\"n\":%d,\"d\":\"", n).getBytes(StandardCharsets.UTF_8);
    System.arraycopy(head, 0, b, 0, head.length);
    b[size - 2] = '"';
    b[size - 1] = '}';
    return b;
  }
}
