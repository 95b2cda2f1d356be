package dev.toolseal.verifier;

import java.lang.ref.WeakReference;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Remembers the results of checks that succeeded, so that immutable evidence seen again (the
 * same envelope, the same checkpoint note) is not verified again. Fail-closed by construction:
 *
 * <ul>
 *   <li>only a check that returned normally is stored; a check that throws is never stored, so a
 *       rejection is recomputed (and thrown again) every time;
 *   <li>the caller's key must name every input the check reads (by value: SHA-256 digests of the
 *       bytes, the exact keys trusted), so a hit returns exactly what running the check again
 *       would return, and different inputs can only share a key by a SHA-256 collision;
 *   <li>the check must be pure: no clock, no store, no policy beyond what the key names. Anything
 *       else (revocations, k-of-n, the checkpoint store, the live manifest) stays outside.
 * </ul>
 *
 * Bounded: least recently used entries are dropped beyond the capacity. Thread-safe; two threads
 * may both run a check for a new key, which is harmless. Every cache is also registered (weakly)
 * so that {@link #clearAll()} can forget every remembered result at once: tests and the
 * {@code verify100ToolsUncached} benchmark use it, through the test-scope helper
 * {@code SuccessCaches}, to make every check run again.
 *
 * @param <K> the key, with value equality
 * @param <V> the result, immutable
 */
public final class SuccessCache<K, V> {
  /** A check that returns its result or throws. */
  @FunctionalInterface
  public interface Check<V, E extends Exception> {
    V run() throws E;
  }

  private static final List<WeakReference<SuccessCache<?, ?>>> ALL =
      new CopyOnWriteArrayList<>();

  private final Map<K, V> entries;

  /** A cache of at most {@code capacity} results. */
  public SuccessCache(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive");
    }
    this.entries = new LinkedHashMap<>(16, 0.75f, true) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
        return size() > capacity;
      }
    };
    ALL.removeIf(r -> r.get() == null);
    ALL.add(new WeakReference<>(this));
  }

  /**
   * Forgets every result of every cache in this class loader. Package-private on purpose: only
   * tests and benchmarks call it (test scope {@code dev.toolseal.verifier.SuccessCaches}); it can
   * only cost time, never accept anything, since a forgotten result is simply checked again.
   */
  static void clearAll() {
    for (WeakReference<SuccessCache<?, ?>> r : ALL) {
      SuccessCache<?, ?> c = r.get();
      if (c != null) {
        c.clear();
      }
    }
  }

  /** The stored result for {@code key}, or the result of {@code check}, stored if it returns. */
  public <E extends Exception> V get(K key, Check<V, E> check) throws E {
    Objects.requireNonNull(key, "key");
    synchronized (entries) {
      V hit = entries.get(key);
      if (hit != null) {
        return hit;
      }
    }
    V value = Objects.requireNonNull(check.run(), "a check returned null");
    synchronized (entries) {
      entries.put(key, value);
    }
    return value;
  }

  /** How many results are stored. */
  public int size() {
    synchronized (entries) {
      return entries.size();
    }
  }

  /** Forgets every result. */
  public void clear() {
    synchronized (entries) {
      entries.clear();
    }
  }
}
