package dev.toolseal.cli.guard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.toolseal.cli.SignedRelease;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guard benchmark; not part of the suite (its name does not end in Test). Run with {@code
 * ./bench guard} (or {@code ./mvnw -B -q -pl publisher-cli -am verify -Dtest=GuardBenchmark
 * -Dsurefire.failIfNoSpecifiedTests=false [-Dbench.calls=5000 -Dbench.warmup=3000
 * -Dbench.reverify=100]}).
 *
 * <p>One client, one request at a time, over real pipes to real processes: a dependency-free
 * node server with 100 tools (src/test/bench/hundred-tools.mjs), once directly and once behind
 * {@code toolseal guard} running as its own JVM (trust on first use, with and without an audit
 * log, and offline release bundles: a signed, logged release of the same server). Measured: the round trip of a {@code tools/call}, and of a call that makes the server
 * announce {@code tools/list_changed} first, which the guard answers only after it re-recorded
 * the 100 tools and verified them again. Results on stdout.
 */
class GuardBenchmark {
  @TempDir
  Path dir;

  /** A client on a process's stdio that sends one request at a time. */
  private static final class LineClient implements AutoCloseable {
    private final Process process;
    private final OutputStream in;
    private final BufferedReader out;
    private int nextId = 1;

    LineClient(List<String> command) throws IOException {
      process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      in = process.getOutputStream();
      out = new BufferedReader(new InputStreamReader(process.getInputStream(),
          StandardCharsets.UTF_8));
    }

    JsonNode request(String method, String params) throws IOException {
      int id = nextId++;
      in.write(("{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"" + method
          + "\",\"params\":" + params + "}\n").getBytes(StandardCharsets.UTF_8));
      in.flush();
      while (true) {
        String line = out.readLine();
        if (line == null) {
          throw new IOException("the server closed its output");
        }
        JsonNode m = GuardHarness.JSON.readTree(line);
        if (!m.has("method") && m.path("id").asInt(-1) == id) {
          return m;
        }
      }
    }

    void initialize() throws IOException {
      request("initialize", "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},"
          + "\"clientInfo\":{\"name\":\"bench\",\"version\":\"1\"}}");
      in.write("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}\n"
          .getBytes(StandardCharsets.UTF_8));
      in.flush();
    }

    /** Round trips of {@code n} calls of tool_1, in nanoseconds. */
    long[] calls(int n, String text) throws IOException {
      long[] times = new long[n];
      String params = "{\"name\":\"" + (text.equals("announce") ? "tool_0" : "tool_1")
          + "\",\"arguments\":{\"text\":\"" + text + "\"}}";
      for (int i = 0; i < n; i++) {
        long start = System.nanoTime();
        JsonNode r = request("tools/call", params);
        times[i] = System.nanoTime() - start;
        if (!r.has("result")) {
          throw new IOException("the call failed: " + r);
        }
      }
      return times;
    }

    @Override
    public void close() throws IOException {
      in.close();
      try {
        process.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static List<String> server() {
    return List.of("node", Path.of("src/test/bench/hundred-tools.mjs").toAbsolutePath()
        .toString());
  }

  private List<String> guarded(String... options) {
    return guard(List.of("--approve-first", "--lock",
        dir.resolve("lock-" + options.length + ".json").toString()), options);
  }

  private static List<String> guard(List<String> trust, String... options) {
    List<String> c = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin",
        "java").toString(), "-Dfile.encoding=UTF-8", "-cp", System.getProperty("java.class.path"),
        "dev.toolseal.cli.Main", "guard"));
    c.addAll(trust);
    c.addAll(List.of(options));
    c.add("--");
    c.addAll(server());
    return c;
  }

  @Test
  void measure() throws Exception {
    int calls = Integer.getInteger("bench.calls", 5000);
    int warmup = Integer.getInteger("bench.warmup", 3000);
    int reverify = Integer.getInteger("bench.reverify", 100);
    System.err.println("bench: " + warmup + " warm-up and " + calls + " measured calls per setup");
    List<String[]> rows = new ArrayList<>();
    long[] direct = run("direct", server(), warmup, calls, reverify, rows);
    run("guard", guarded(), warmup, calls, reverify, rows);
    run("guard --audit", guarded("--audit", dir.resolve("audit.jsonl").toString()), warmup,
        calls, reverify, rows);
    Path evidence = Files.createDirectories(dir.resolve("release"));
    // a fresh log each run: its checkpoints go to this run's directory, not the user's state
    run("guard --release", guard(SignedRelease.of(evidence, server()).options(), "--checkpoints",
        Files.createDirectories(dir.resolve("checkpoints")).toString()), warmup, calls, reverify,
        rows);
    System.out.println("guard benchmark: tools/call round trips, one client, one call at a time");
    System.out.printf("%-16s %-22s %10s %10s %10s%n", "setup", "what", "p50 us", "p99 us",
        "mean us");
    for (String[] r : rows) {
      System.out.printf("%-16s %-22s %10s %10s %10s%n", (Object[]) r);
    }
    System.out.printf("direct p50 %.1f us; the guard's added latency is its p50 minus this%n",
        percentile(direct, 50) / 1000.0);
    assertTrue(Files.exists(dir.resolve("audit.jsonl")));
  }

  private static long[] run(String setup, List<String> command, int warmup, int calls,
      int reverify, List<String[]> rows) throws IOException {
    System.err.println("bench: " + setup);
    try (LineClient c = new LineClient(command)) {
      c.initialize();
      assertEquals(100, c.request("tools/list", "{}").path("result").path("tools").size());
      c.calls(warmup, "warm");
      long[] plain = c.calls(calls, "hello");
      rows.add(row(setup, "tools/call", plain));
      c.calls(Math.max(1, reverify / 10), "announce"); // warm the re-verification path
      long[] announce = c.calls(reverify, "announce");
      rows.add(row(setup, "call + list_changed", announce));
      return plain;
    }
  }

  private static String[] row(String setup, String what, long[] nanos) {
    return new String[] {setup, what, us(percentile(nanos, 50)), us(percentile(nanos, 99)),
        us((long) Arrays.stream(nanos).average().orElse(0))};
  }

  private static String us(long nanos) {
    return String.format("%.1f", nanos / 1000.0);
  }

  private static long percentile(long[] nanos, int p) {
    long[] sorted = nanos.clone();
    Arrays.sort(sorted);
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)];
  }
}
