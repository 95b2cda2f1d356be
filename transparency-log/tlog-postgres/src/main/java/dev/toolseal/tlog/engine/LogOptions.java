package dev.toolseal.tlog.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * Tuning of a {@link Log}.
 *
 * @param queueCapacity entries that may wait for sequencing; one more is refused with a
 *     {@link PushbackException}
 * @param maxBatch most entries sequenced in one transaction
 * @param maxWait longest an entry waits for its batch to fill before the batch is sequenced
 *     anyway; zero sequences whatever is queued at once
 * @param integrationBatch most entries integrated into one checkpoint; an integration holds
 *     up to {@code integrationBatch + 255} entries in memory (at most 64 KiB each)
 * @param integrationPoll how often the background integrator looks for entries sequenced by
 *     other processes (entries sequenced here wake it at once)
 * @param checkpointInterval least time between two checkpoints the background integrator
 *     publishes (fewer checkpoints, bigger batches); {@link Integrator#integrateOnce()} called
 *     directly ignores it
 * @param retryAfter the hint a {@link PushbackException} carries
 */
public record LogOptions(
    int queueCapacity,
    int maxBatch,
    Duration maxWait,
    int integrationBatch,
    Duration integrationPoll,
    Duration checkpointInterval,
    Duration retryAfter) {
  public LogOptions {
    if (queueCapacity < 1 || maxBatch < 1 || integrationBatch < 1) {
      throw new IllegalArgumentException("queue, batch and integration sizes must be positive");
    }
    requireNonNegative(maxWait, "maxWait");
    requireNonNegative(integrationPoll, "integrationPoll");
    requireNonNegative(checkpointInterval, "checkpointInterval");
    requireNonNegative(retryAfter, "retryAfter");
  }

  /**
   * 4096 queued; batches of 256 entries or 250 ms; up to 4096 entries per checkpoint, no
   * minimum interval; 1 s polls; retry after 1 s.
   */
  public static LogOptions defaults() {
    return new LogOptions(4096, 256, Duration.ofMillis(250), 4096, Duration.ofSeconds(1),
        Duration.ZERO, Duration.ofSeconds(1));
  }

  public LogOptions withQueueCapacity(int n) {
    return new LogOptions(n, maxBatch, maxWait, integrationBatch, integrationPoll,
        checkpointInterval, retryAfter);
  }

  public LogOptions withMaxBatch(int n) {
    return new LogOptions(queueCapacity, n, maxWait, integrationBatch, integrationPoll,
        checkpointInterval, retryAfter);
  }

  public LogOptions withMaxWait(Duration d) {
    return new LogOptions(queueCapacity, maxBatch, d, integrationBatch, integrationPoll,
        checkpointInterval, retryAfter);
  }

  public LogOptions withIntegrationBatch(int n) {
    return new LogOptions(queueCapacity, maxBatch, maxWait, n, integrationPoll,
        checkpointInterval, retryAfter);
  }

  public LogOptions withIntegrationPoll(Duration d) {
    return new LogOptions(queueCapacity, maxBatch, maxWait, integrationBatch, d,
        checkpointInterval, retryAfter);
  }

  public LogOptions withCheckpointInterval(Duration d) {
    return new LogOptions(queueCapacity, maxBatch, maxWait, integrationBatch, integrationPoll,
        d, retryAfter);
  }

  public LogOptions withRetryAfter(Duration d) {
    return new LogOptions(queueCapacity, maxBatch, maxWait, integrationBatch, integrationPoll,
        checkpointInterval, d);
  }

  private static void requireNonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " is negative");
    }
  }
}
