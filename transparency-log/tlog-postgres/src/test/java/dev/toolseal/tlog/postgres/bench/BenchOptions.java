package dev.toolseal.tlog.postgres.bench;

import java.util.ArrayList;
import java.util.List;

/** Command-line options of {@link TlogBench}; see the module README for their meaning. */
record BenchOptions(
    long entries,
    String jdbcUrl,
    int entrySize,
    int proofs,
    long maxWaitMillis,
    int integrationBatch,
    List<Integer> appenders,
    List<Integer> shares) {

  static final String USAGE = "usage: TlogBench [--entries N (1000000)] [--jdbc-url URL]"
      + " [--entry-size BYTES (300)] [--proofs N (2000)] [--max-wait-ms MS (0)]"
      + " [--integration-batch N (4096)] [--appenders 1,8,64] [--shares 2,18,80]";

  static BenchOptions parse(String[] args) {
    long entries = 1_000_000;
    String url = null;
    int entrySize = 300;
    int proofs = 2000;
    long maxWait = 0;
    int integrationBatch = 4096;
    List<Integer> appenders = List.of(1, 8, 64);
    List<Integer> shares = List.of(2, 18, 80);
    for (int i = 0; i < args.length; i++) {
      String value = i + 1 < args.length ? args[i + 1] : null;
      if (value == null) {
        throw new IllegalArgumentException("missing value for " + args[i]);
      }
      switch (args[i++]) {
        case "--entries" -> entries = Long.parseLong(value);
        case "--jdbc-url" -> url = value;
        case "--entry-size" -> entrySize = Integer.parseInt(value);
        case "--proofs" -> proofs = Integer.parseInt(value);
        case "--max-wait-ms" -> maxWait = Long.parseLong(value);
        case "--integration-batch" -> integrationBatch = Integer.parseInt(value);
        case "--appenders" -> appenders = ints(value);
        case "--shares" -> shares = ints(value);
        default -> throw new IllegalArgumentException("unknown option " + args[i - 1]);
      }
    }
    if (appenders.size() != shares.size() || entries < appenders.size() || entrySize < 20
        || entrySize > 65535) {
      throw new IllegalArgumentException("inconsistent options");
    }
    return new BenchOptions(
        entries, url, entrySize, proofs, maxWait, integrationBatch, appenders, shares);
  }

  /** Entries for phase {@code i}: its share of the total; the last phase takes the rest. */
  long entriesOfPhase(int i) {
    int totalShares = shares.stream().mapToInt(Integer::intValue).sum();
    if (i == shares.size() - 1) {
      long before = 0;
      for (int j = 0; j < i; j++) {
        before += entriesOfPhase(j);
      }
      return entries - before;
    }
    return Math.max(1, entries * shares.get(i) / totalShares);
  }

  private static List<Integer> ints(String csv) {
    List<Integer> out = new ArrayList<>();
    for (String s : csv.split(",")) {
      out.add(Integer.parseInt(s.trim()));
    }
    return List.copyOf(out);
  }
}
