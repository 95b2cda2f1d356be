package dev.toolseal.verifier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SuccessCacheTest {
  @Test
  void successIsRememberedPerKey() throws Exception {
    SuccessCache<String, String> cache = new SuccessCache<>(8);
    AtomicInteger runs = new AtomicInteger();
    assertEquals("a!", cache.get("a", () -> runs.incrementAndGet() > 0 ? "a!" : "?"));
    assertEquals("a!", cache.get("a", () -> "changed"));
    assertEquals("b!", cache.get("b", () -> "b!"));
    assertEquals(1, runs.get());
    assertEquals(2, cache.size());
  }

  @Test
  void failureIsNeverRemembered() {
    SuccessCache<String, String> cache = new SuccessCache<>(8);
    AtomicInteger runs = new AtomicInteger();
    for (int i = 0; i < 3; i++) {
      assertThrows(IOException.class, () -> cache.get("k", () -> {
        runs.incrementAndGet();
        throw new IOException("refused");
      }));
    }
    assertEquals(3, runs.get());
    assertEquals(0, cache.size());
    assertThrows(NullPointerException.class, () -> cache.get("k", () -> null));
    assertEquals(0, cache.size());
  }

  @Test
  void leastRecentlyUsedIsDroppedBeyondCapacity() throws Exception {
    SuccessCache<Integer, Integer> cache = new SuccessCache<>(2);
    cache.get(1, () -> 1);
    cache.get(2, () -> 2);
    cache.get(1, () -> -1);
    cache.get(3, () -> 3);
    assertEquals(2, cache.size());
    assertEquals(1, cache.get(1, () -> -1));
    assertEquals(-2, cache.get(2, () -> -2));
  }

  @Test
  void clearAllForgetsEveryCache() throws Exception {
    SuccessCache<String, String> a = new SuccessCache<>(4);
    SuccessCache<String, String> b = new SuccessCache<>(4);
    a.get("x", () -> "1");
    b.get("y", () -> "2");
    SuccessCaches.clearAll();
    assertEquals(0, a.size());
    assertEquals(0, b.size());
    assertEquals("3", a.get("x", () -> "3"));
  }
}
