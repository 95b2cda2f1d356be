package dev.toolseal.tlog.engine;

import java.time.Duration;
import java.util.Objects;

/**
 * The log refused an entry because its append queue is full; nothing of the entry was stored.
 * The caller should retry after {@link #retryAfter()} (an HTTP service answers 503 with a
 * {@code Retry-After} header).
 */
public final class PushbackException extends Exception {
  private static final long serialVersionUID = 1L;

  private final transient Duration retryAfter;
  private final int queueCapacity;

  public PushbackException(int queueCapacity, Duration retryAfter) {
    super("the log's append queue is full (" + queueCapacity + " entries); retry after "
        + retryAfter.toMillis() + " ms");
    this.queueCapacity = queueCapacity;
    this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
  }

  /** How long the caller should wait before trying again. */
  public Duration retryAfter() {
    return retryAfter;
  }

  /** The queue's capacity in entries. */
  public int queueCapacity() {
    return queueCapacity;
  }
}
