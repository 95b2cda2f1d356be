package dev.toolseal.verifier.log;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The {@link CheckpointStore} contract, run against every implementation. Stored values are
 * arbitrary bytes here: the store must not interpret them.
 */
abstract class CheckpointStoreContract {
  /** A fresh, empty store. */
  abstract CheckpointStore newStore() throws Exception;

  /** Another store object over the same medium as {@code store}, or the same object. */
  abstract CheckpointStore reopen(CheckpointStore store) throws Exception;

  static byte[] note(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void forkRecordsAreKeptPerOriginUntilCleared() throws Exception {
    CheckpointStore s = newStore();
    assertTrue(s.forkRecord("o").isEmpty());
    String where = s.recordFork("o", "{\"first\":1}".getBytes(StandardCharsets.UTF_8));
    assertEquals(where, s.recordFork("o", "{\"second\":2}".getBytes(StandardCharsets.UTF_8)));
    assertEquals(Optional.of(where), reopen(s).forkRecord("o"));
    assertTrue(s.forkRecord("p").isEmpty());
    s.compareAndSet("o", Optional.empty(), new byte[] {1});
    s.compareAndSet("p", Optional.empty(), new byte[] {2});
    assertTrue(s.clearFork("o"));
    assertTrue(s.forkRecord("o").isEmpty());
    assertTrue(s.load("o").isEmpty());
    assertTrue(s.load("p").isPresent());
    assertFalse(s.clearFork("o"));
  }

  @Test
  void emptyStoreHasNothing() throws Exception {
    assertTrue(newStore().load("log.example/a").isEmpty());
  }

  @Test
  void firstWriteNeedsEmptyExpectation() throws Exception {
    CheckpointStore s = newStore();
    assertFalse(s.compareAndSet("o", Optional.of(note("x")), note("one")));
    assertTrue(s.load("o").isEmpty());
    assertTrue(s.compareAndSet("o", Optional.empty(), note("one")));
    assertArrayEquals(note("one"), s.load("o").orElseThrow());
    assertFalse(s.compareAndSet("o", Optional.empty(), note("two")));
    assertArrayEquals(note("one"), s.load("o").orElseThrow());
  }

  @Test
  void replacesOnlyTheExpectedValue() throws Exception {
    CheckpointStore s = newStore();
    assertTrue(s.compareAndSet("o", Optional.empty(), note("one")));
    assertFalse(s.compareAndSet("o", Optional.of(note("onE")), note("two")));
    assertFalse(s.compareAndSet("o", Optional.of(note("one\n")), note("two")));
    assertArrayEquals(note("one"), s.load("o").orElseThrow());
    assertTrue(s.compareAndSet("o", Optional.of(note("one")), note("two")));
    assertArrayEquals(note("two"), s.load("o").orElseThrow());
  }

  @Test
  void originsAreIndependent() throws Exception {
    CheckpointStore s = newStore();
    assertTrue(s.compareAndSet("a", Optional.empty(), note("A")));
    assertTrue(s.compareAndSet("b", Optional.empty(), note("B")));
    assertTrue(s.compareAndSet("A", Optional.empty(), note("upper")));
    assertArrayEquals(note("A"), s.load("a").orElseThrow());
    assertArrayEquals(note("B"), s.load("b").orElseThrow());
    assertArrayEquals(note("upper"), s.load("A").orElseThrow());
  }

  @Test
  void returnedBytesAreCopies() throws Exception {
    CheckpointStore s = newStore();
    byte[] value = note("one");
    assertTrue(s.compareAndSet("o", Optional.empty(), value));
    value[0] = 'X';
    s.load("o").orElseThrow()[0] = 'Y';
    assertArrayEquals(note("one"), s.load("o").orElseThrow());
  }

  @Test
  void refusesBadArguments() throws Exception {
    CheckpointStore s = newStore();
    assertThrows(IllegalArgumentException.class,
        () -> s.compareAndSet("", Optional.empty(), note("x")));
    assertThrows(IllegalArgumentException.class,
        () -> s.compareAndSet("o", Optional.empty(), new byte[0]));
    assertThrows(IllegalArgumentException.class, () -> s.compareAndSet("o", Optional.empty(),
        new byte[CheckpointStore.MAX_NOTE_BYTES + 1]));
  }

  @Test
  void survivesReopening() throws Exception {
    CheckpointStore s = newStore();
    assertTrue(s.compareAndSet("o", Optional.empty(), note("one")));
    CheckpointStore again = reopen(s);
    assertArrayEquals(note("one"), again.load("o").orElseThrow());
    assertTrue(again.compareAndSet("o", Optional.of(note("one")), note("two")));
    assertArrayEquals(note("two"), s.load("o").orElseThrow());
  }

  @Test
  void twoThreadsRacingFromTheSameValueExactlyOneWins() throws Exception {
    for (int round = 0; round < 20; round++) {
      CheckpointStore s = newStore();
      CheckpointStore t = reopen(s);
      assertTrue(s.compareAndSet("o", Optional.empty(), note("base")));
      CountDownLatch start = new CountDownLatch(1);
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        Future<Boolean> a = pool.submit(racer(start, s, "A"));
        Future<Boolean> b = pool.submit(racer(start, t, "B"));
        start.countDown();
        boolean wonA = a.get();
        boolean wonB = b.get();
        assertTrue(wonA ^ wonB, "exactly one compare-and-set wins");
        assertArrayEquals(note(wonA ? "A" : "B"), s.load("o").orElseThrow());
      } finally {
        pool.shutdownNow();
      }
    }
  }

  private static Callable<Boolean> racer(CountDownLatch start, CheckpointStore s, String value) {
    return () -> {
      start.await();
      return s.compareAndSet("o", Optional.of(note("base")), note(value));
    };
  }

  @Test
  void concurrentIncrementsLoseNoUpdate() throws Exception {
    CheckpointStore s = newStore();
    CheckpointStore t = reopen(s);
    assertTrue(s.compareAndSet("o", Optional.empty(), note("0")));
    int threads = 4;
    int perThread = 25;
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<Integer>> results = new ArrayList<>();
      for (int i = 0; i < threads; i++) {
        CheckpointStore mine = i % 2 == 0 ? s : t;
        results.add(pool.submit(() -> {
          start.await();
          int lost = 0;
          for (int done = 0; done < perThread; ) {
            byte[] seen = mine.load("o").orElseThrow();
            int n = Integer.parseInt(new String(seen, StandardCharsets.UTF_8));
            if (mine.compareAndSet("o", Optional.of(seen), note(Integer.toString(n + 1)))) {
              done++;
            } else {
              lost++;
            }
          }
          return lost;
        }));
      }
      start.countDown();
      for (Future<Integer> f : results) {
        f.get();
      }
    } finally {
      pool.shutdownNow();
    }
    assertEquals(Integer.toString(threads * perThread),
        new String(s.load("o").orElseThrow(), StandardCharsets.UTF_8));
  }
}
