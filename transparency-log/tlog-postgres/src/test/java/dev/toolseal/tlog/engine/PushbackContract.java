package dev.toolseal.tlog.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Pushback on the append path, over any store: a full queue refuses, and stores nothing. */
public abstract class PushbackContract {
  /** A new, empty store; closed by {@link #closeStore()}. */
  protected abstract LogStore newStore() throws Exception;

  protected void closeStore() throws Exception {}

  @Test
  void aFullQueueRefusesWithPushbackAndStoresNothingOfTheRefusedEntry() throws Exception {
    LogStore real = newStore();
    try {
      BlockingStore store = new BlockingStore(real);
      int capacity = 4;
      LogOptions options = LogOptions.defaults()
          .withQueueCapacity(capacity).withMaxBatch(2).withMaxWait(Duration.ZERO);
      List<CompletableFuture<Long>> accepted = new ArrayList<>();
      try (Log log = Log.start(store, TestLogKey.signer(), options)) {
        accepted.add(log.append(bytes("held")));
        store.awaitSequencing();
        for (int i = 0; i < capacity; i++) {
          accepted.add(log.append(bytes("queued-" + i)));
        }
        PushbackException refused =
            assertThrows(PushbackException.class, () -> log.append(bytes("refused")));
        assertEquals(capacity, refused.queueCapacity());
        assertTrue(refused.retryAfter().toMillis() > 0);
        assertEquals(0, real.sequencedSize(), "nothing is stored while the sequencer is held");

        store.release();
        List<Long> indexes = new ArrayList<>();
        for (CompletableFuture<Long> f : accepted) {
          indexes.add(f.get(30, TimeUnit.SECONDS));
        }
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), indexes);
        log.awaitIntegrated(4).get(30, TimeUnit.SECONDS);
        assertEquals(5, real.sequencedSize(), "the refused entry was never stored");
        assertArrayEquals(bytes("held"), real.readLeaves(0, 1).get(0).entry());
        // once drained, the queue accepts again
        assertEquals(5L, log.append(bytes("after")).get(30, TimeUnit.SECONDS));
      }
    } finally {
      closeStore();
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
